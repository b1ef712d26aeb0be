import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../../shared/contract';
import type { ChatMessage } from '../../../shared/domain';
import { EMBEDDING_LIMITS, requestTextChars, requestTextProblem, TEXT_LIMITS } from '../../../shared/limits';
import { frameTooLarge, MAX_FRAME_BYTES } from '../../../shared/ws-protocol';

/*
 * What one request may carry: four million characters of text in all (about a million tokens),
 * each text field and the request as a whole, with words that say so.
 */

const STREAM = 'a1b2c3d4-0000-4000-8000-000000000001';

describe('requestTextChars', () => {
  it('counts content, reasoning (text, signatures, encrypted parts) and tool items', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'abc' },
      {
        role: 'assistant',
        content: 'de',
        reasoning: [
          {
            summary: [
              { type: 'summary_text', text: 'think', signature: 'sig' },
              { type: 'summary_encrypted_text', data: 'xyzw' },
            ],
          },
        ],
        items: [
          { type: 'text', text: 'step' },
          { type: 'function_call', callId: 'c1', name: 'lookup', arguments: '{"q":1}' },
          { type: 'function_call_output', callId: 'c1', output: 'result' },
        ],
      },
    ];
    expect(requestTextChars(messages)).toBe(3 + 2 + 5 + 3 + 4 + 4 + 7 + 6);
  });
});

describe('requestTextProblem', () => {
  it('passes the cap exactly and names both numbers past it', () => {
    expect(requestTextProblem(TEXT_LIMITS.maxRequestChars)).toBeNull();
    expect(requestTextProblem(5_200_000)).toBe(
      'This conversation is 5.2 million characters long; one request can carry at most 4 million ' +
        '(about a million tokens). Shorten it or start a new conversation.',
    );
  });
});

describe('the contract holds requests to the text cap', () => {
  const chat = (contents: string[]) =>
    CONTRACT.startChat.request.safeParse({
      streamId: STREAM,
      endpoint: 'e1',
      messages: contents.map((content) => ({ role: 'user', content })),
    });
  const message = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
    result.error?.issues[0]?.message;

  it('refuses one message over four million characters', () => {
    expect(chat(['a'.repeat(TEXT_LIMITS.maxRequestChars)]).success).toBe(true);
    expect(chat(['a'.repeat(TEXT_LIMITS.maxRequestChars + 1)]).success).toBe(false);
  });

  it('refuses a history whose messages add up to more, in words', () => {
    const result = chat(['a'.repeat(3_000_000), 'b'.repeat(2_000_000)]);
    expect(result.success).toBe(false);
    expect(message(result)).toMatch(/^This conversation is 5 million characters long/);
  });

  it('refuses a completion prompt over the cap, in words', () => {
    const result = CONTRACT.startCompletion.request.safeParse({
      streamId: STREAM,
      endpoint: 'e1',
      prompt: 'a'.repeat(TEXT_LIMITS.maxRequestChars + 1),
    });
    expect(message(result)).toMatch(/^This prompt is 4 million characters long/);
  });

  it('refuses embedding texts over the per-text and per-request caps', () => {
    const embed = (input: string[]) => CONTRACT.createEmbeddings.request.safeParse({ endpoint: 'e1', input });
    expect(message(embed(['a'.repeat(EMBEDDING_LIMITS.maxTextChars + 1)]))).toBe(
      'A text can be at most 200,000 characters.',
    );
    const six = Array.from({ length: 6 }, () => 'a'.repeat(EMBEDDING_LIMITS.maxTextChars));
    expect(message(embed(six))).toBe('One request can carry at most 1,000,000 characters of text.');
    expect(embed(six.slice(0, 5)).success).toBe(true);
  });
});

describe('the WebSocket frame bound', () => {
  it('fits the images and the text one request may carry, and not a 64 MB frame', () => {
    expect(MAX_FRAME_BYTES).toBeGreaterThan(50 * 1024 * 1024 + 3 * TEXT_LIMITS.maxRequestChars);
    expect(MAX_FRAME_BYTES).toBeLessThan(64 * 1024 * 1024);
    expect(frameTooLarge('a'.repeat(MAX_FRAME_BYTES))).toBe(false);
    expect(frameTooLarge('a'.repeat(MAX_FRAME_BYTES + 1))).toBe(true);
    // Counted in UTF-8 bytes: a third as many three-byte characters already fill it.
    expect(frameTooLarge('€'.repeat(Math.ceil(MAX_FRAME_BYTES / 3) + 1))).toBe(true);
  });
});
