import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../../../renderer/core/db/records';
import { actionsFor, largerEndpoints, overflowOf } from '../../../../../renderer/features/chat/chat-errors';
import {
  estimateTokens,
  fitToWindow,
  requestMessages,
  titleFrom,
} from '../../../../../renderer/features/chat/chat-history';
import { conversationTotals } from '../../../../../renderer/features/chat/chat-totals';
import {
  defaultLeaf,
  indexChildren,
  latestLeaf,
  pathTo,
  siblingsOf,
  subtreeIds,
} from '../../../../../renderer/features/chat/chat-tree';
import type { ChatMessage, Endpoint } from '../../../../../shared/domain';
import type { ErrorCode } from '../../../../../shared/errors';
import { METRICS } from './harness';

const msg = (id: string, parentId: string | null, createdAt: number, role: 'user' | 'assistant' = 'user') =>
  ({ id, parentId, createdAt, role, content: id, conversationId: 'c' }) as MessageRecord;

// u1 → a1 → u2 → a2
//           ↘ u2b → a2b        (edit)
//    ↘ a1b                      (regenerate)
const TREE: Record<string, MessageRecord> = Object.fromEntries(
  [
    msg('u1', null, 1),
    msg('a1', 'u1', 2, 'assistant'),
    msg('u2', 'a1', 3),
    msg('a2', 'u2', 4, 'assistant'),
    msg('u2b', 'a1', 5),
    msg('a2b', 'u2b', 6, 'assistant'),
    msg('a1b', 'u1', 7, 'assistant'),
  ].map((m) => [m.id, m]),
);

describe('chat-tree', () => {
  const children = indexChildren(TREE);
  it('orders siblings by creation and walks paths', () => {
    expect(siblingsOf(TREE, children, 'u2')).toEqual(['u2', 'u2b']);
    expect(siblingsOf(TREE, children, 'a1b')).toEqual(['a1', 'a1b']);
    expect(pathTo(TREE, 'a2b')).toEqual(['u1', 'a1', 'u2b', 'a2b']);
  });
  it('finds the newest leaf of a branch and of the whole tree', () => {
    expect(latestLeaf(TREE, children, 'a1')).toBe('a2b');
    expect(latestLeaf(TREE, children, 'u2')).toBe('a2');
    expect(defaultLeaf(TREE, children)).toBe('a1b');
  });
  it('lists a subtree', () => {
    expect(subtreeIds(children, 'a1').sort()).toEqual(['a1', 'a2', 'a2b', 'u2', 'u2b']);
  });
});

describe('chat-history', () => {
  it('leaves empty answers out and puts the system prompt first', () => {
    const thread = [msg('u1', null, 1), { ...msg('a1', 'u1', 2, 'assistant'), content: '' }];
    expect(requestMessages(thread, 'Sys')).toEqual([
      { role: 'system', content: 'Sys' },
      { role: 'user', content: 'u1' },
    ]);
  });
  it('fits by dropping whole oldest turns, never the system prompt or the last message', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'x'.repeat(400) },
      { role: 'assistant', content: 'y'.repeat(400) },
      { role: 'user', content: 'z'.repeat(40) },
    ];
    const fitted = fitToWindow(messages, 50, 4);
    expect(fitted.dropped).toBe(2);
    expect(fitted.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(estimateTokens(fitted.messages)).toBeLessThanOrEqual(50);
    expect(fitToWindow(messages, 10_000, 4).dropped).toBe(0);
  });
  it('keeps the last message even when it alone is over the budget (the server says so, not the app)', () => {
    const last: ChatMessage = { role: 'user', content: 'q'.repeat(4_000) };
    const messages: ChatMessage[] = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'old' },
      { role: 'assistant', content: 'answer' },
      last,
    ];
    const fitted = fitToWindow(messages, 10, 4);
    expect(fitted.messages.at(-1)).toBe(last);
    expect(fitted.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(fitted.dropped).toBe(2);
    // Only the last message, over the budget: nothing to drop, nothing dropped.
    expect(fitToWindow([last], 10, 4)).toEqual({ messages: [last], dropped: 0 });
    expect(fitToWindow([{ role: 'system', content: 's' }, last], 10, 4).messages).toEqual([
      { role: 'system', content: 's' },
      last,
    ]);
  });
  it('titles from the first message', () => {
    expect(titleFrom('  Hello\n world ')).toBe('Hello world');
    expect(titleFrom('word '.repeat(40)).length).toBeLessThanOrEqual(61);
  });
});

describe('chat-errors', () => {
  it('maps each error code to its actions', () => {
    const cases: [ErrorCode, string[]][] = [
      ['CONTEXT_TOO_LONG', ['trim', 'pick-endpoint']],
      ['RATE_LIMITED', ['retry']],
      ['AUTH', ['credentials']],
      ['PERMISSION', ['credentials']],
      ['NOT_FOUND', ['pick-endpoint']],
      ['NETWORK', ['retry']],
      ['TIMEOUT', ['retry']],
      ['UNAVAILABLE', ['retry']],
      ['SERVER', ['retry']],
    ];
    for (const [code, actions] of cases) expect(actionsFor({ code, message: '' })).toEqual(actions);
  });
  it('reads the overflow from the server message, or estimates it', () => {
    const request: ChatMessage[] = [{ role: 'user', content: 'a'.repeat(8_000) }];
    const said = overflowOf(
      {
        code: 'CONTEXT_TOO_LONG',
        message: 'The input has 40000 tokens; the context window of x is 32768 tokens.',
      },
      request,
      null,
    );
    expect(said).toMatchObject({ requestTokens: 40_000, window: 32_768, over: 7_232, estimated: false });
    expect(said?.charsPerToken).toBeCloseTo(0.5);
    const guessed = overflowOf({ code: 'CONTEXT_TOO_LONG', message: 'too long' }, request, 1_000);
    expect(guessed).toMatchObject({ requestTokens: 2_007, window: 1_000, over: 1_007, estimated: true });
    expect(overflowOf({ code: 'CONTEXT_TOO_LONG', message: 'too long' }, request, null)).toBeNull();
    expect(overflowOf({ code: 'SERVER', message: '' }, request, 1)).toBeNull();
  });
  // Databricks' real answer says only this; the numbers are the app's estimate and the table's window.
  const INPUT_TOO_LONG = {
    code: 'CONTEXT_TOO_LONG' as const,
    message: 'The input is longer than the model accepts.',
    serverMessage: 'Input is too long.',
    status: 400,
    serverCode: 'BAD_REQUEST',
  };
  it('"Input is too long." with an estimate above the window: over by the estimate', () => {
    const request: ChatMessage[] = [{ role: 'user', content: 'a'.repeat(900_000) }];
    expect(overflowOf(INPUT_TOO_LONG, request, 200_000)).toMatchObject({
      requestTokens: 225_007,
      window: 200_000,
      over: 25_007,
      estimated: true,
    });
  });
  it('"Input is too long." with an estimate below the window: no numbers are made up', () => {
    // ~695 tokens against a 200,000-token window: the app cannot say by how much it is over.
    const request: ChatMessage[] = [{ role: 'user', content: 'a'.repeat(2_750) }];
    expect(overflowOf(INPUT_TOO_LONG, request, 200_000)).toBeNull();
    // The same at exactly the window.
    expect(overflowOf(INPUT_TOO_LONG, request, 695)).toBeNull();
  });
  it("reads the server's numbers from its own words (serverMessage)", () => {
    const request: ChatMessage[] = [{ role: 'user', content: 'a'.repeat(8_000) }];
    const serverMessage = 'The input has 140000 tokens; the context window is 131072 tokens.';
    expect(overflowOf({ ...INPUT_TOO_LONG, serverMessage }, request, null)).toMatchObject({
      requestTokens: 140_000,
      window: 131_072,
      over: 8_928,
      estimated: false,
    });
  });
  it('lists chat endpoints with a larger window, largest first', () => {
    const ep = (name: string, contextWindow: number | null, taskKind = 'chat') =>
      ({ name, contextWindow, taskKind }) as Endpoint;
    const list = [
      ep('small', 8_000),
      ep('big', 128_000),
      ep('mid', 40_000),
      ep('emb', 500_000, 'embeddings'),
    ];
    expect(largerEndpoints(list, 'small', 35_000).map((e) => e.name)).toEqual(['big', 'mid']);
  });
});

describe('conversationTotals', () => {
  it('adds every answer on every branch, marking estimates and unknown prices', () => {
    const a = { ...msg('a', null, 1, 'assistant'), metrics: METRICS, costUsd: 0.5 };
    const b = {
      ...msg('b', null, 2, 'assistant'),
      metrics: { ...METRICS, usageReported: false },
      costUsd: null,
    };
    const totals = conversationTotals({ a, b, u: msg('u', null, 0) }, (m) => m.costUsd ?? null);
    expect(totals).toEqual({
      answers: 2,
      promptTokens: 6,
      completionTokens: 8,
      estimated: true,
      costUsd: 0.5,
      costPartial: true,
    });
  });
});
