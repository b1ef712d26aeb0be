import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../../../renderer/core/db/records';
import {
  CONTINUE_PROMPT,
  chatMessageOf,
  continueRequest,
  estimateTokens,
  requestMessages,
} from '../../../../../renderer/features/chat/chat-history';
import type { OutputItem, ReasoningItem } from '../../../../../shared/domain';
import { buildChatBody } from '../../../../../shared/request-body';

/* The history builder with reasoning: every earlier answer goes back with its items, unchanged. */

const REASONING: ReasoningItem[] = [
  { summary: [{ type: 'summary_text', text: 'Plan.', signature: 'c2lnbmVk' }] },
  { id: 'rs_2', summary: [{ type: 'summary_encrypted_text', data: 'ZW5j' }] },
];
const ITEMS: OutputItem[] = [
  { type: 'function_call', callId: 'c1', name: 'lookup_order', arguments: '{"id":"A"}' },
  { type: 'function_call_output', callId: 'c1', output: '{"status":"shipped"}' },
];

const user = (id: string, content: string): MessageRecord => ({
  id,
  conversationId: 'c',
  parentId: null,
  role: 'user',
  content,
  createdAt: 1,
});

const reply = (id: string, choices: MessageRecord['choices'], selectedChoice = 0): MessageRecord => ({
  id,
  conversationId: 'c',
  parentId: 'u1',
  role: 'assistant',
  content: choices?.[selectedChoice]?.text ?? '',
  createdAt: 2,
  status: 'done',
  choices,
  selectedChoice,
});

describe('requestMessages with reasoning', () => {
  it('sends the reasoning and items of the choice on screen, the very same objects', () => {
    const a = reply(
      'a1',
      [
        { text: 'Other', finishReason: 'stop' },
        { text: 'Shipped.', finishReason: 'stop', reasoning: REASONING, items: ITEMS },
      ],
      1,
    );
    const messages = requestMessages([user('u1', 'Where is A?'), a, user('u2', 'Thanks')], '');
    expect(messages[1]).toEqual({
      role: 'assistant',
      content: 'Shipped.',
      reasoning: REASONING,
      items: ITEMS,
    });
    expect(messages[1]?.reasoning).toBe(REASONING);
    // What goes on the wire keeps every signature and encrypted part byte for byte.
    const body = JSON.stringify(buildChatBody(messages, {}));
    expect(body).toContain('"signature":"c2lnbmVk"');
    expect(body).toContain('"data":"ZW5j"');
  });

  it('sends a plain answer without reasoning fields, and a user message as is', () => {
    expect(chatMessageOf(reply('a', [{ text: 'Hi', finishReason: 'stop' }]))).toEqual({
      role: 'assistant',
      content: 'Hi',
    });
    expect(chatMessageOf(user('u', 'Hello'))).toEqual({ role: 'user', content: 'Hello' });
  });

  it('leaves out an answer cut off while still thinking (no text to send it with)', () => {
    const thinkingOnly = reply('a', [{ text: '', finishReason: null, reasoning: REASONING }]);
    expect(requestMessages([user('u1', 'Q'), thinkingOnly], '')).toEqual([{ role: 'user', content: 'Q' }]);
  });

  it('continues an answer with its reasoning, then the instruction', () => {
    const partial = chatMessageOf(
      reply('a', [{ text: 'Half', finishReason: 'length', reasoning: REASONING }]),
    );
    const request = continueRequest([{ role: 'user', content: 'Q' }], partial);
    expect(request).toEqual([
      { role: 'user', content: 'Q' },
      { role: 'assistant', content: 'Half', reasoning: REASONING },
      { role: 'user', content: CONTINUE_PROMPT },
    ]);
  });

  it('counts reasoning sent back in the estimate', () => {
    const plain = [{ role: 'assistant' as const, content: 'x' }];
    expect(estimateTokens([{ ...plain[0]!, reasoning: REASONING, items: ITEMS }])).toBeGreaterThan(
      estimateTokens(plain),
    );
  });
});
