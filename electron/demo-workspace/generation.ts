import { generateCompletion } from './completion-generator';
import { generateMarkdown, naturalLength } from './markdown-generator';
import { hashString, Sampler, type SamplingKnobs } from './sampler';
import { tokenize } from './tokenizer';
import type { PlannedCall } from './tool-calls';
import { readTopic } from './topic';

/** Sampling parameters after defaults (temperature 1, top_p 1, n 1). */
export interface TextParams extends SamplingKnobs {
  maxTokens?: number;
  n: number;
  stop: string[];
}

/** One prompt to answer: what the topic is read from, and what seeds the base randomness. */
export interface PromptInput {
  /** The text the answer is about: the last user message, or the completion prompt. */
  text: string;
  /** Everything that should make temperature-0 output differ (full conversation, model). */
  seedText: string;
}

/** What a reasoning model thought before answering (its summary, as sent to clients). */
export interface ChoiceReasoning {
  text: string;
  /** The tokens of `text`; all of them count as reasoning tokens. */
  pieces: string[];
  /** Proves the text came from this workspace when a client sends it back (see reasoning.ts). */
  signature: string;
}

/** One generated choice, already cut by max_tokens / stop. */
export interface GeneratedChoice {
  index: number;
  text: string;
  /** The tokens of `text`, in order; streaming sends one per event. */
  pieces: string[];
  finishReason: 'stop' | 'length' | 'tool_calls';
  /** The tools the model calls instead of answering (finish reason `tool_calls`, no text). */
  toolCalls?: PlannedCall[];
  /** Present when the model reasoned: streamed before `text`, counted in completion tokens. */
  reasoning?: ChoiceReasoning;
}

/** What to generate. */
export interface GenerationInput {
  style: 'chat' | 'completions';
  prompts: PromptInput[];
  params: TextParams;
  /** Forces the natural length of every answer (benchmarks), else null. */
  forcedTokens: number | null;
  /** Answers every prompt with exactly this text (benchmarks), else null. */
  fixedText?: string | null;
  /** Hard cap from the context window (tokens left after the prompt). */
  contextRoom: number;
}

/** Index of the earliest stop sequence in `text`, or -1. */
export function firstStopIndex(text: string, stop: readonly string[]): number {
  let best = -1;
  for (const sequence of stop) {
    const at = text.indexOf(sequence);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best;
}

/**
 * Applies max_tokens then stop, as a model generating token by token would: the answer ends
 * at whichever comes first, and the stop sequence itself is never returned.
 */
export function finalizeText(text: string, maxTokens: number | undefined, stop: readonly string[]) {
  let pieces = tokenize(text);
  let finishReason: GeneratedChoice['finishReason'] = 'stop';
  if (maxTokens !== undefined && pieces.length > maxTokens) {
    pieces = pieces.slice(0, maxTokens);
    finishReason = 'length';
  }
  let out = pieces.join('');
  const cut = firstStopIndex(out, stop);
  if (cut >= 0) {
    out = out.slice(0, cut);
    pieces = tokenize(out);
    finishReason = 'stop';
  }
  return { text: out, pieces, finishReason };
}

function rawText(input: GenerationInput, prompt: PromptInput, sampler: Sampler): string {
  if (typeof input.fixedText === 'string') return input.fixedText;
  const topic = readTopic(prompt.text);
  const target = input.forcedTokens ?? naturalLength(topic, sampler);
  return input.style === 'chat'
    ? generateMarkdown(topic, sampler, target)
    : generateCompletion(prompt.text, topic, sampler, target);
}

/** The most tokens an answer may have: max_tokens and the context room left; undefined if unbounded. */
export function outputCap(maxTokens: number | undefined, contextRoom: number): number | undefined {
  const cap = Math.min(maxTokens ?? Number.POSITIVE_INFINITY, Math.max(0, contextRoom));
  return Number.isFinite(cap) ? cap : undefined;
}

/**
 * Generates `n` choices per prompt (choice index = prompt index × n + i, as OpenAI does).
 * Choices of one prompt are always distinct: each has its own base seed, and a duplicate is
 * regenerated with a salt.
 */
export function generateChoices(input: GenerationInput): GeneratedChoice[] {
  const { params } = input;
  const maxTokens = outputCap(params.maxTokens, input.contextRoom);
  const choices: GeneratedChoice[] = [];
  input.prompts.forEach((prompt, p) => {
    const seen = new Set<string>();
    for (let i = 0; i < params.n; i++) {
      let result = finalizeText('', maxTokens, params.stop);
      for (let salt = 0; salt < 8; salt++) {
        const seed = hashString(`${prompt.seedText}\u0000${i}\u0000${salt}`);
        result = finalizeText(rawText(input, prompt, new Sampler(seed, params)), maxTokens, params.stop);
        // A fixed answer is the same whatever the seed: don't retry it.
        if (!seen.has(result.text) || typeof input.fixedText === 'string') break;
      }
      seen.add(result.text);
      choices.push({ index: p * params.n + i, ...result });
    }
  });
  return choices;
}
