/**
 * The demo workspace's own tokenizer: deterministic, dependency-free and roughly as dense
 * as a real BPE vocabulary (about four characters per token on English prose). It is not a
 * real model vocabulary; it only has to be consistent, because usage, context-window checks,
 * rate limits and streaming all count with it.
 *
 * A token is one of: a word fragment of up to 8 letters with at most one leading space or
 * tab, a run of up to 3 digits with at most one leading space, a line break, a run of spaces,
 * one punctuation mark with at most one leading space, or any other single character.
 * Concatenating the tokens always gives back the input exactly.
 */
const TOKEN_PATTERN =
  /[ \t]?[\p{L}\p{M}]{1,8}|[ \t]?\p{N}{1,3}|\r?\n|[ \t]+|[ \t]?[^\s\p{L}\p{M}\p{N}]|[\s\S]/gu;

/** Splits text into tokens; `tokenize(t).join('') === t`. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? [];
}

/** Counts tokens without keeping them (context checks on inputs up to the 16 MB body cap). */
export function countTokens(text: string): number {
  let count = 0;
  TOKEN_PATTERN.lastIndex = 0;
  while (TOKEN_PATTERN.exec(text) !== null) count += 1;
  return count;
}

/** Per-message overhead of the chat template (role markers), as real chat models add. */
const MESSAGE_OVERHEAD = 4;
/** Tokens that prime the assistant's reply. */
const REPLY_PRIMER = 3;

/** Prompt tokens of a chat request: every message's content plus the template overhead. */
export function countChatTokens(messages: readonly { content: string }[]): number {
  let total = REPLY_PRIMER;
  for (const message of messages) total += MESSAGE_OVERHEAD + countTokens(message.content);
  return total;
}
