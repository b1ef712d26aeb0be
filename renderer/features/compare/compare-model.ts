import type { ChatMessage, GenerationParams } from '../../../shared/domain';
import type { CompareAnswer, ComparePaneSetup } from '../../core/db/records';

/*
 * The pure core of a comparison: panes, what each pane sends, blind labels and order.
 * Kept free of the store and the bridge so it can be unit-tested.
 */

/** Fewest and most panes a comparison has. */
export const MIN_PANES = 2;
export const MAX_PANES = 6;

/** One pane on screen: its setup and its answers (one per user turn it answered). */
export interface PaneState extends ComparePaneSetup {
  answers: CompareAnswer[];
}

/** A new pane on `endpoint`, inheriting the shared parameters. */
export function newPane(id: string, endpoint: string | null, params: GenerationParams = {}): PaneState {
  return { id, endpoint, inheritParams: true, params, answers: [] };
}

/** The parameters a pane sends: its own, or the shared ones when it inherits them. */
export function effectiveParams(pane: ComparePaneSetup, shared: GenerationParams): GenerationParams {
  return pane.inheritParams ? { ...shared } : { ...pane.params };
}

/** An answer as it is sent back: its text, with its reasoning and items unchanged (signatures intact). */
export function answerMessage(answer: CompareAnswer): ChatMessage {
  return {
    role: 'assistant',
    content: answer.content,
    ...(answer.reasoning?.length ? { reasoning: answer.reasoning } : {}),
    ...(answer.items?.length ? { items: answer.items } : {}),
  };
}

/**
 * An earlier answer as history: tool calls that never got a result (the pane stopped there)
 * are left out, since a server refuses a call without its result.
 */
function pastAnswer(answer: CompareAnswer): ChatMessage {
  const answered = new Set(
    (answer.items ?? []).flatMap((i) => (i.type === 'function_call_output' ? [i.callId] : [])),
  );
  const items = answer.items?.filter((i) => i.type !== 'function_call' || answered.has(i.callId));
  return answerMessage({ ...answer, ...(items ? { items } : {}) });
}

/**
 * What pane `pane` sends for turn `turns.length - 1`: the shared system prompt, then every
 * user turn followed by this pane's own answer to it. An answer with no text (it failed
 * before the first token, or stopped at tool calls) is left out: the pane simply never
 * answered that turn.
 */
export function paneHistory(
  pane: PaneState,
  systemPrompt: string,
  turns: readonly string[],
  /** The pictures sent with each turn (data URLs), by turn. */
  images: readonly (readonly { url: string }[])[] = [],
): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (systemPrompt.trim() !== '') messages.push({ role: 'system', content: systemPrompt });
  turns.forEach((user, turn) => {
    const sent = images[turn] ?? [];
    messages.push({ role: 'user', content: user, ...(sent.length > 0 ? { images: [...sent] } : {}) });
    if (turn === turns.length - 1) return;
    const answer = pane.answers.find((a) => a.turn === turn);
    if (answer && answer.content !== '') messages.push(pastAnswer(answer));
  });
  return messages;
}

/** The pane's answer to `turn`, if any. */
export const answerFor = (pane: PaneState, turn: number): CompareAnswer | undefined =>
  pane.answers.find((a) => a.turn === turn);

/** Replaces (or adds) the pane's answer to `answer.turn`. */
export function withAnswer(pane: PaneState, answer: CompareAnswer): PaneState {
  const others = pane.answers.filter((a) => a.turn !== answer.turn);
  return { ...pane, answers: [...others, answer].sort((a, b) => a.turn - b.turn) };
}

/** A streaming answer with no text yet. */
export const emptyAnswer = (turn: number): CompareAnswer => ({
  turn,
  content: '',
  status: 'streaming',
  finishReason: null,
  model: null,
  metrics: null,
  error: null,
  costUsd: null,
});

/** Moves the pane at `from` by `by` places (−1 left, +1 right); out-of-range moves do nothing. */
export function movePane<T>(panes: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= panes.length || to < 0 || to >= panes.length) return [...panes];
  const next = [...panes];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved as T);
  return next;
}

/** Blind label of the pane shown at `position`: A, B, C… */
export const blindLabel = (position: number): string => String.fromCharCode(65 + position);

/** A Fisher–Yates shuffle of `ids` driven by `random` (injectable so tests are repeatable). */
export function shuffled(ids: readonly string[], random: () => number = Math.random): string[] {
  const out = [...ids];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

/**
 * The display order: in blind mode the shuffled `order` (ids not in it, e.g. a pane added
 * since, go last), else the panes' own order.
 */
export function displayOrder(
  panes: readonly PaneState[],
  blind: boolean,
  order: readonly string[],
): PaneState[] {
  if (!blind) return [...panes];
  const byId = new Map(panes.map((p) => [p.id, p]));
  const first = order.flatMap((id) => byId.get(id) ?? []);
  const rest = panes.filter((p) => !order.includes(p.id));
  return [...first, ...rest];
}

/** True while any pane's answer is still streaming. */
export const anyStreaming = (panes: readonly PaneState[]): boolean =>
  panes.some((p) => p.answers.some((a) => a.status === 'streaming'));
