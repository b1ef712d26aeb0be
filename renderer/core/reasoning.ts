import type { OutputItem, ReasoningItem, ReasoningPart } from '../../shared/domain';
import type { StreamEvent } from '../../shared/stream-events';

/*
 * An answer's reasoning and agent output items, as the stream builds them and as the views,
 * exports and search read them. Pure, shared by every generating view (chat, compare), so a
 * reasoning event means the same thing everywhere. The items are kept exactly as the model
 * sent them: a signature is what makes the next turn acceptable to the model, so nothing here
 * ever rewrites text or drops a signature.
 */

/** The fields of a `reasoning` stream event that say where its text goes. */
export type ReasoningPiece = Pick<
  Extract<StreamEvent, { type: 'reasoning' }>,
  'item' | 'part' | 'text' | 'signature' | 'encrypted' | 'itemId'
>;

/** What an encrypted summary part shows instead of its (unreadable) content. */
export const ENCRYPTED_NOTE = '(encrypted reasoning — kept, not shown)';

const emptyText = (): ReasoningPart => ({ type: 'summary_text', text: '' });

/** `part` extended by one piece: text appended, its signature or encrypted data taken once it comes. */
function extendPart(part: ReasoningPart, piece: ReasoningPiece): ReasoningPart {
  if (piece.encrypted !== undefined) return { type: 'summary_encrypted_text', data: piece.encrypted };
  // An encrypted part has no text to extend; a stray piece after it changes nothing.
  if (part.type !== 'summary_text') return part;
  const signature = piece.signature ?? part.signature;
  return {
    type: 'summary_text',
    text: part.text + piece.text,
    ...(signature === undefined ? {} : { signature }),
  };
}

/**
 * `items` with one reasoning piece applied: its text extends summary part `piece.part` of
 * item `base + piece.item` (a higher number starts a new item or part). `base` shifts the
 * item numbers of a continued answer past the items it already had. Returns new arrays for
 * what changed; the input is never mutated.
 */
export function withReasoningPiece(
  items: readonly ReasoningItem[] | undefined,
  piece: ReasoningPiece,
  base = 0,
): ReasoningItem[] {
  const next = [...(items ?? [])];
  const index = base + piece.item;
  // Numbers only ever grow by one; a gap (a lost event) is filled rather than misplacing text.
  while (next.length <= index) next.push({ summary: [] });
  const item = next[index] as ReasoningItem;
  const summary = [...item.summary];
  while (summary.length <= piece.part) summary.push(emptyText());
  summary[piece.part] = extendPart(summary[piece.part] as ReasoningPart, piece);
  const id = item.id ?? piece.itemId;
  next[index] = { ...(id === undefined ? {} : { id }), summary };
  return next;
}

/** `items` with an agent's output item appended (they arrive whole, in order). */
export const withOutputItem = (items: readonly OutputItem[] | undefined, item: OutputItem): OutputItem[] => [
  ...(items ?? []),
  item,
];

/**
 * An answer's text and items once `item` arrived: a tool call that follows text the model wrote
 * in the same answer moves that text into a `text` item before it, so the text of each step stays
 * where it was said (and is sent back with that step's calls); `text` is then only the words after
 * the last call.
 */
export function withItemAfterText(
  text: string,
  items: readonly OutputItem[] | undefined,
  item: OutputItem,
): { text: string; items: OutputItem[] } {
  if (item.type !== 'function_call' || text === '') return { text, items: withOutputItem(items, item) };
  return { text: '', items: [...(items ?? []), { type: 'text', text }, item] };
}

/** The readable text of reasoning: every text part, in order, one paragraph apart. */
export function reasoningText(items: readonly ReasoningItem[] | undefined): string {
  const texts: string[] = [];
  for (const item of items ?? [])
    for (const part of item.summary)
      if (part.type === 'summary_text' && part.text !== '') texts.push(part.text);
  return texts.join('\n\n');
}

/** True when the reasoning holds anything at all (text or an encrypted part). */
export const hasReasoning = (items: readonly ReasoningItem[] | undefined): boolean =>
  (items ?? []).some((item) => item.summary.length > 0);

/** True when some part is encrypted (nothing to show, but kept and sent back). */
export const hasEncryptedReasoning = (items: readonly ReasoningItem[] | undefined): boolean =>
  (items ?? []).some((item) => item.summary.some((p) => p.type === 'summary_encrypted_text'));

/** The number of words in the readable reasoning, for the Thinking section's summary line. */
export function reasoningWords(items: readonly ReasoningItem[] | undefined): number {
  const text = reasoningText(items).trim();
  return text === '' ? 0 : text.split(/\s+/u).length;
}

/** An output item's text pretty-printed when it is JSON (arguments, tool output), else as it came. */
export function prettyJson(text: string): { text: string; json: boolean } {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object')
      return { text: JSON.stringify(parsed, null, 2), json: true };
  } catch {
    // Not JSON (a model may write invalid arguments): shown as written.
  }
  return { text, json: false };
}

/** A tool call and the output that answered it (null while none came), in call order. */
export interface ToolExchange {
  call: Extract<OutputItem, { type: 'function_call' }> | null;
  output: Extract<OutputItem, { type: 'function_call_output' }> | null;
}

/** Pairs each call with its output by `callId`; an output without a call stands alone. */
export function toolExchanges(items: readonly OutputItem[] | undefined): ToolExchange[] {
  const exchanges: ToolExchange[] = [];
  const byCall = new Map<string, ToolExchange>();
  for (const item of items ?? []) {
    if (item.type === 'function_call') {
      const exchange: ToolExchange = { call: item, output: null };
      byCall.set(item.callId, exchange);
      exchanges.push(exchange);
      continue;
    }
    if (item.type === 'text') continue;
    const open = byCall.get(item.callId);
    if (open && !open.output) open.output = item;
    else exchanges.push({ call: null, output: item });
  }
  return exchanges;
}

const quoted = (text: string) =>
  text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');

/** A fence longer than any backtick run inside `text`, so the block cannot be closed early. */
function fenced(text: string, language: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

/**
 * Reasoning as a Markdown block for exports: a quoted "Thinking" section (encrypted parts
 * noted, not shown). Empty when there is no reasoning.
 */
export function thinkingMarkdown(items: readonly ReasoningItem[] | undefined): string {
  if (!hasReasoning(items)) return '';
  const paragraphs: string[] = [];
  for (const item of items ?? [])
    for (const part of item.summary)
      paragraphs.push(part.type === 'summary_text' ? part.text : `*${ENCRYPTED_NOTE}*`);
  return quoted(['**Thinking**', ...paragraphs.filter((p) => p !== '')].join('\n\n'));
}

/** Tool calls and outputs as Markdown for exports: the name, then arguments and output as code. */
export function toolItemsMarkdown(items: readonly OutputItem[] | undefined): string {
  return toolExchanges(items)
    .map(({ call, output }) => {
      const lines: string[] = [];
      if (call) {
        const args = prettyJson(call.arguments);
        lines.push(`**Tool call** \`${call.name}\``, '', fenced(args.text, args.json ? 'json' : ''));
      }
      if (output) {
        const out = prettyJson(output.output);
        lines.push(
          ...(lines.length ? [''] : []),
          '**Tool output**',
          '',
          fenced(out.text, out.json ? 'json' : ''),
        );
      }
      return lines.join('\n');
    })
    .join('\n\n');
}
