import type { ReasoningEffort } from './endpoints';
import type { GeneratedChoice, TextParams } from './generation';
import { fill } from './markdown-generator';
import { REASONING_STEPS, REASONING_TITLES } from './phrases';
import { signReasoning } from './reasoning-signature';
import { hashString, Sampler } from './sampler';
import { countTokens, tokenize } from './tokenizer';
import { readTopic, type Topic } from './topic';

/**
 * The demo's reasoning: a deterministic summary of how the model plans its answer, written
 * from the prompt like the answers are (temperature 0 repeats it exactly). Its length grows
 * with the effort asked for; reasoning comes first and spends the token budget first, so a
 * max_tokens reached while reasoning leaves no answer text (finish_reason "length").
 */

/** What a request asked of reasoning, after validation. */
export interface ReasoningRequest {
  /** The effort named or defaulted (echoed by the Responses API); null for a thinking budget. */
  effort: ReasoningEffort | null;
  /** Length factor on the base reasoning length (low 1, medium 3, high 6). */
  multiplier: number;
  /** Claude's `thinking.budget_tokens`: the most reasoning tokens, or null. */
  budget: number | null;
}

/** Reasoning length factor per effort: roughly 1×, 3× and 6× a base length. */
export const EFFORT_MULTIPLIER: Record<ReasoningEffort, number> = { none: 0, low: 1, medium: 3, high: 6 };

/** A thinking budget of N tokens reasons like effort N/1024 (1024 → low-like, 6144+ → high-like). */
export function budgetRequest(budget: number): ReasoningRequest {
  return { effort: null, multiplier: Math.min(6, Math.max(1, Math.round(budget / 1024))), budget };
}

/** The request for an effort value; null for `none` (no reasoning at all). */
export function effortRequest(effort: ReasoningEffort): ReasoningRequest | null {
  const multiplier = EFFORT_MULTIPLIER[effort];
  return multiplier > 0 ? { effort, multiplier, budget: null } : null;
}

/**
 * Writes a reasoning summary of at least `targetTokens` tokens: bold-titled paragraphs of
 * planning sentences. The same sampler always yields the same paragraphs in the same order,
 * so a longer reasoning extends a shorter one.
 */
export function generateReasoning(topic: Topic, s: Sampler, targetTokens: number): string {
  const ctx = { topic, s };
  // Shuffled once and walked in order, so a thought is not repeated before all were used.
  const titles = s.shuffle(REASONING_TITLES);
  const steps = s.shuffle(REASONING_STEPS);
  let next = 0;
  const paragraphs: string[] = [];
  let tokens = 0;
  while (tokens < targetTokens) {
    const title = fill(titles[paragraphs.length % titles.length] ?? '', ctx);
    const count = s.int(2, 3);
    const body = Array.from({ length: count }, () => fill(steps[next++ % steps.length] ?? '', ctx)).join(' ');
    const paragraph = `**${title}**\n\n${body}`;
    paragraphs.push(paragraph);
    tokens += countTokens(paragraph) + 1;
  }
  return paragraphs.join('\n\n');
}

/** Where one answer's reasoning comes from. */
export interface ReasoningSource {
  /** The text the answer is about (the last user message). */
  promptText: string;
  /** What seeds temperature-0 output (endpoint and conversation). */
  seedText: string;
  params: TextParams;
  /** Tokens the whole output may use (max_tokens and the context room), or undefined. */
  cap: number | undefined;
  /** The reasoning to use instead of a generated one (the demo's `reasoningText`). */
  fixedText?: string | null;
}

/**
 * Puts reasoning in front of each choice's answer. The cap counts reasoning and text
 * together; stop sequences were already applied to the text (they never cut reasoning).
 */
export function addReasoning(
  choices: GeneratedChoice[],
  request: ReasoningRequest,
  source: ReasoningSource,
): GeneratedChoice[] {
  const topic = readTopic(source.promptText);
  return choices.map((choice) => {
    const sampler = new Sampler(
      hashString(`${source.seedText}\u0000reasoning\u0000${choice.index}`),
      source.params,
    );
    const base = sampler.int(40, 64);
    let pieces = tokenize(source.fixedText ?? generateReasoning(topic, sampler, base * request.multiplier));
    if (request.budget !== null) pieces = pieces.slice(0, request.budget);
    let answer = choice.pieces;
    let finishReason = choice.finishReason;
    const cap = source.cap;
    if (cap !== undefined && pieces.length >= cap) {
      pieces = pieces.slice(0, cap);
      answer = [];
      finishReason = 'length';
    } else if (cap !== undefined && answer.length > cap - pieces.length) {
      answer = answer.slice(0, cap - pieces.length);
      finishReason = 'length';
    }
    const text = pieces.join('');
    return {
      ...choice,
      text: answer.join(''),
      pieces: answer,
      finishReason,
      reasoning: { text, pieces, signature: signReasoning(text) },
    };
  });
}
