import { reasoningText } from '../reasoning';
import type { StudioDatabase } from './database';
import type { ConversationRecord, MessageRecord } from './records';

/** One search result: a message (or a conversation title) containing the query. */
export interface SearchHit {
  conversationId: string;
  /** The message that matched; null when the conversation's title matched. */
  messageId: string | null;
  /** The conversation's title. */
  title: string;
  /** The conversation's endpoint, which tells apart conversations with the same title. */
  endpoint: string | null;
  /** A short excerpt around the match, whitespace collapsed. */
  snippet: string;
  /** Where the match is inside `snippet` (for highlighting). */
  matchStart: number;
  matchLength: number;
  /** The message's time (the conversation's `updatedAt` for a title hit). */
  createdAt: number;
  /** True when the match is in the answer's reasoning (its Thinking section), not its text. */
  inReasoning?: boolean;
}

/** The default number of hits: enough to scan by eye, few enough to stay instant. */
export const DEFAULT_SEARCH_LIMIT = 50;

const BEFORE = 40;
const AFTER = 90;

/** A case-insensitive matcher for the literal query (regex characters are not special). */
export function queryPattern(query: string): RegExp | null {
  const trimmed = query.trim();
  if (trimmed === '') return null;
  // A RegExp (not toLowerCase + indexOf) so the match index is in the original text even
  // where lower-casing changes a string's length (e.g. "İ").
  return new RegExp(trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu');
}

const collapse = (text: string) => text.replace(/\s+/g, ' ');

/**
 * `markdown` as the reader sees it, for a snippet: without fences, heading marks, emphasis
 * marks, inline-code backticks, quote marks, and with links and images reduced to their text.
 * Approximate on purpose (a snippet is a hint, not a render); the words themselves are kept.
 */
export function plainText(markdown: string): string {
  return (
    markdown
      .replace(/^\s*(```|~~~).*$/gm, '')
      .replace(/^\s{0,3}#{1,6}\s+/gm, '')
      .replace(/^\s{0,3}>\s?/gm, '')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/`+([^`]*)`+/g, '$1')
      // Emphasis marks only where they hug a word, so "a * b" and snake_case stay as written.
      .replace(/(?<![\w*_~])(\*{1,3}|_{1,3}|~~)(?=\S)([^*_~\n]*?\S)\1(?![\w*_~])/g, '$2')
  );
}

/** An excerpt of `text` around the first match of `pattern`, or null when it does not match. */
export function makeSnippet(
  text: string,
  pattern: RegExp,
): { snippet: string; matchStart: number; matchLength: number } | null {
  const found = pattern.exec(text);
  if (!found) return null;
  const start = Math.max(0, found.index - BEFORE);
  const end = Math.min(text.length, found.index + found[0].length + AFTER);
  const head = (start > 0 ? '…' : '') + collapse(text.slice(start, found.index)).trimStart();
  const match = collapse(found[0]);
  const tail =
    collapse(text.slice(found.index + found[0].length, end)).trimEnd() + (end < text.length ? '…' : '');
  return { snippet: head + match + tail, matchStart: head.length, matchLength: match.length };
}

/**
 * Finds `query` (case-insensitive substring) in conversation titles, message contents and
 * answers' reasoning, newest first, at most `limit` hits.
 *
 * Why no full-text index: IndexedDB indexes match whole keys or prefixes, never substrings.
 * A word index (multiEntry) would not find "ell" in "hello", and it would be rewritten on
 * every save of a streaming answer (answers are saved as they grow). A scan is fast enough
 * for the sizes a playground reaches (~20k messages scan in tens of ms): it walks the
 * `createdAt` index backwards with one cursor and stops as soon as `limit` hits are found, so
 * a common word costs almost nothing and only a rare one reads everything (measured in headless
 * Chromium: ~1 s for 20k messages of ~850 characters on a busy 2-core machine, dominated by
 * reading the records; a common word returns in a few ms).
 */
export async function searchConversations(
  db: StudioDatabase,
  query: string,
  limit = DEFAULT_SEARCH_LIMIT,
  signal?: AbortSignal,
): Promise<SearchHit[]> {
  const pattern = queryPattern(query);
  if (!pattern || limit <= 0) return [];
  const conversations = await db.conversations.toArray();
  const byId = new Map<string, ConversationRecord>(conversations.map((c) => [c.id, c]));
  const hits = titleHits(conversations, pattern);
  const messageHits: SearchHit[] = [];
  await db.messages
    .orderBy('createdAt')
    .reverse()
    // An aborted search (the user typed on) stops reading too, not just its result being dropped.
    .until(() => messageHits.length >= limit || signal?.aborted === true)
    .each((message) => {
      const conversation = byId.get(message.conversationId);
      const excerpt = conversation ? messageExcerpt(message, pattern) : null;
      if (!conversation || !excerpt) return;
      messageHits.push({
        conversationId: conversation.id,
        messageId: message.id,
        title: conversation.title,
        endpoint: conversation.endpoint ?? null,
        createdAt: message.createdAt,
        ...excerpt,
      });
    });
  if (signal?.aborted) return [];
  // A title made from the first message would show the same text twice: keep the message hit.
  const shown = new Set(messageHits.map((h) => `${h.conversationId}\u0000${h.snippet}`));
  const titles = hits.filter((h) => !shown.has(`${h.conversationId}\u0000${h.snippet}`));
  return [...titles, ...messageHits].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
}

/**
 * The excerpt of a message around the match: in its text, else in the reasoning of the
 * choice on screen (what its Thinking section shows), marked as such.
 */
function messageExcerpt(
  message: MessageRecord,
  pattern: RegExp,
): Omit<SearchHit, 'conversationId' | 'messageId' | 'title' | 'endpoint' | 'createdAt'> | null {
  // The plain text when the match survives stripping; the raw text when the query is markdown itself.
  const inText = makeSnippet(plainText(message.content), pattern) ?? makeSnippet(message.content, pattern);
  if (inText) return inText;
  const reasoning = message.choices?.[message.selectedChoice ?? 0]?.reasoning;
  const inReasoning = reasoning ? makeSnippet(plainText(reasoningText(reasoning)), pattern) : null;
  return inReasoning ? { ...inReasoning, inReasoning: true } : null;
}

function titleHits(conversations: ConversationRecord[], pattern: RegExp): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const c of conversations) {
    const excerpt = makeSnippet(c.title, pattern);
    if (excerpt)
      hits.push({
        conversationId: c.id,
        messageId: null,
        title: c.title,
        endpoint: c.endpoint ?? null,
        createdAt: c.updatedAt,
        ...excerpt,
      });
  }
  return hits;
}
