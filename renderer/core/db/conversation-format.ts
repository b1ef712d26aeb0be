import { describeError } from '../../../shared/errors';
import { thinkingMarkdown, toolItemsMarkdown } from '../reasoning';
import { SCHEMA_VERSION } from './database';
import { latestLeafId } from './migrations';
import type { ConversationRecord, ExportedImage, MessageRecord, StudioExport } from './records';

/*
 * One conversation as a file: Markdown to read or paste somewhere (the branch on screen
 * only), JSON to keep or share (every branch, and importable: it is a one-conversation
 * StudioExport, so "Import JSON" takes it back).
 */

/**
 * The messages from the root to `leafId` (the branch on screen). Falls back to the newest
 * leaf when `leafId` is null or unknown, so a stale pointer still exports something sensible.
 */
export function activeBranch(messages: readonly MessageRecord[], leafId: string | null): MessageRecord[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  let cursor = (leafId && byId.get(leafId)) || byId.get(latestLeafId(messages) ?? '');
  const path: MessageRecord[] = [];
  const seen = new Set<string>();
  // `seen` guards against a parent cycle in a hand-edited import.
  while (cursor && !seen.has(cursor.id)) {
    seen.add(cursor.id);
    path.push(cursor);
    cursor = cursor.parentId ? byId.get(cursor.parentId) : undefined;
  }
  return path.reverse();
}

const round = (value: number, digits: number) => Number(value.toFixed(digits)).toString();

/** "TTFT 120 ms · 45.2 tokens/s · 12 in / 340 out · $0.0012 · finish_reason: stop". */
export function metricsLine(message: MessageRecord): string {
  const parts: string[] = [];
  const m = message.metrics;
  if (m) {
    const estimate = m.usageReported ? '' : '~';
    // A whole (not streamed) answer's first token came with its last: say so, as on screen.
    const whole = m.streamed === false ? ' (not streamed)' : '';
    if (m.ttftMs !== null) parts.push(`TTFT ${Math.round(m.ttftMs)} ms${whole}`);
    if (m.tokensPerSec !== null) parts.push(`${round(m.tokensPerSec, 1)} tokens/s`);
    if (m.promptTokens !== null || m.completionTokens !== null) {
      parts.push(`${estimate}${m.promptTokens ?? '–'} in / ${estimate}${m.completionTokens ?? '–'} out`);
    }
    if (m.reasoningTokens) parts.push(`${m.reasoningTokens} of them reasoning`);
  }
  if (typeof message.costUsd === 'number') parts.push(`$${round(message.costUsd, 6)}`);
  const choice = message.choices?.[message.selectedChoice ?? 0];
  if (choice?.finishReason) parts.push(`finish_reason: ${choice.finishReason}`);
  if ((message.choices?.length ?? 0) > 1) {
    parts.push(`choice ${(message.selectedChoice ?? 0) + 1} of ${message.choices?.length}`);
  }
  if (message.status && message.status !== 'done') parts.push(message.status);
  if (message.endpoint) parts.push(message.endpoint);
  return parts.join(' · ');
}

/**
 * The conversation's active branch as Markdown: roles as headings, an answer's reasoning as
 * a quoted "Thinking" block and its tool calls as code before its text, a metrics line per
 * answer. (The JSON export keeps the reasoning items whole, signatures included.)
 */
export function conversationToMarkdown(
  conversation: ConversationRecord,
  messages: readonly MessageRecord[],
): string {
  const lines = [`# ${conversation.title}`, ''];
  const about = [`Created ${new Date(conversation.createdAt).toISOString()}`];
  if (conversation.endpoint) about.unshift(`Endpoint: \`${conversation.endpoint}\``);
  lines.push(about.join(' · '), '');
  if (conversation.systemPrompt.trim() !== '') lines.push('## System', '', conversation.systemPrompt, '');
  for (const message of activeBranch(messages, conversation.activeLeafId)) {
    lines.push(message.role === 'user' ? '## User' : '## Assistant', '');
    // The model's order: its reasoning, then its tool calls, then the answer.
    const choice = message.choices?.[message.selectedChoice ?? 0];
    for (const block of [thinkingMarkdown(choice?.reasoning), toolItemsMarkdown(choice?.items)])
      if (block) lines.push(block, '');
    lines.push(message.content, '');
    // Pictures are named with their size (their bytes are in the JSON export, not here).
    const images = (message.attachments ?? []).map((a) => `${a.name} (${a.width}×${a.height})`);
    if (images.length > 0) lines.push(`*Images: ${images.join(', ')}*`, '');
    if (message.role === 'assistant') {
      const metrics = metricsLine(message);
      if (metrics) lines.push(`*${metrics}*`, '');
      if (message.error) lines.push(`> Error: ${describeError(message.error)}`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * The conversation with every branch as JSON: a StudioExport holding just this conversation
 * and its pictures' bytes (`images`, base64), so the same importer reads it back whole.
 */
export function conversationToJson(
  conversation: ConversationRecord,
  messages: readonly MessageRecord[],
  exportedAt = Date.now(),
  images: readonly ExportedImage[] = [],
): string {
  const data: StudioExport = {
    format: 'serving-studio-export',
    schemaVersion: SCHEMA_VERSION,
    exportedAt,
    conversations: [conversation],
    messages: [...messages],
    presets: [],
    prices: [],
    ...(images.length > 0 ? { images: [...images] } : {}),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** A file name from a title: letters, digits and dashes, never empty. */
export function fileNameFor(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `${base || 'conversation'}.${extension}`;
}
