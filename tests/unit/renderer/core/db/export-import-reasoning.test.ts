import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { conversationsRepo } from '../../../../../renderer/core/db/conversations-repo';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import {
  activeBranch,
  conversationToJson,
  conversationToMarkdown,
  exportAll,
  ImportError,
  importAll,
} from '../../../../../renderer/core/db/export-import';
import type { ComparisonRecord, MessageRecord } from '../../../../../renderer/core/db/records';
import { requestMessages } from '../../../../../renderer/features/chat/chat-history';
import { paneHistory } from '../../../../../renderer/features/compare/compare-model';
import type { OutputItem, ReasoningItem } from '../../../../../shared/domain';
import { buildChatBody, buildResponsesBody } from '../../../../../shared/request-body';
import { answer, COMPARISON, conversation, uniqueName, user } from '../../db/fixtures';

/* Reasoning and agent items survive the database, export and import byte for byte. */

const REASONING: ReasoningItem[] = [
  {
    id: 'rs_1',
    summary: [
      {
        type: 'summary_text',
        text: '**Plan**\n\nCheck the order first.',
        signature: 'EqQBCkYIARgCKkBzaWduZWQ=',
      },
      { type: 'summary_encrypted_text', data: 'gAAAAABencrypted==' },
    ],
  },
];
const ITEMS: OutputItem[] = [
  {
    type: 'function_call',
    id: 'fc_1',
    callId: 'call_1',
    name: 'lookup_order',
    arguments: '{"order_id":"A-1"}',
  },
  { type: 'function_call_output', callId: 'call_1', output: '{"status":"shipped"}' },
];

const MESSAGES: MessageRecord[] = [
  user('u1', 'c1', null, 'Where is order A-1?', 10),
  answer('a1', 'c1', 'u1', 'It shipped yesterday.', 20, {
    choices: [{ text: 'It shipped yesterday.', finishReason: 'stop', reasoning: REASONING, items: ITEMS }],
  }),
  user('u2', 'c1', 'a1', 'When will it arrive?', 30),
];

/** The next request's body (both protocols) for conversation c1 as stored in `messages`. */
const nextBodies = (messages: MessageRecord[]) => {
  const sent = requestMessages(activeBranch(messages, 'u2'), 'Be brief.');
  return [
    JSON.stringify(buildChatBody(sent, { max_tokens: 4000, thinking_budget: 2000 })),
    JSON.stringify(buildResponsesBody('demo-support-agent', sent, {})),
  ];
};

describe('reasoning through export and import', () => {
  it('round-trips a conversation: records → JSON file → import → the next body is byte-identical', async () => {
    const before = nextBodies(MESSAGES);
    expect(before[0]).toContain('"signature":"EqQBCkYIARgCKkBzaWduZWQ="');
    expect(before[1]).toContain('"call_id":"call_1"');

    const source = openStudioDatabase(uniqueName('reasoning-source'));
    const repo = conversationsRepo(source);
    await repo.create(conversation('c1', { activeLeafId: 'u2', systemPrompt: 'Be brief.' }));
    await repo.putMessages(MESSAGES);
    const file = conversationToJson((await repo.get('c1'))!, await repo.messages('c1'), 5);

    const target = openStudioDatabase(uniqueName('reasoning-target'));
    await importAll(target, JSON.parse(file));
    const imported = await conversationsRepo(target).messages('c1');
    expect(imported.find((m) => m.id === 'a1')?.choices?.[0]).toEqual(MESSAGES[1]?.choices?.[0]);
    expect(nextBodies(imported)).toEqual(before);
  });

  it('round-trips a comparison answer with its reasoning (full export)', async () => {
    const comparison: ComparisonRecord = {
      ...COMPARISON,
      turns: ['Write a haiku', 'Another'],
      panes: COMPARISON.panes.map((p) => ({
        ...p,
        answers: p.answers.map((a) => ({ ...a, reasoning: REASONING, items: ITEMS })),
      })),
    };
    const source = openStudioDatabase(uniqueName('cmp-source'));
    await source.comparisons.put(comparison);
    const file = JSON.stringify(await exportAll(source, 7));
    const target = openStudioDatabase(uniqueName('cmp-target'));
    await importAll(target, JSON.parse(file));
    const back = await target.comparisons.get(comparison.id);
    expect(back).toEqual(comparison);
    const history = (c: ComparisonRecord) =>
      JSON.stringify(buildChatBody(paneHistory(c.panes[0]!, '', c.turns), {}));
    expect(history(back!)).toBe(history(comparison));
    expect(history(comparison)).toContain('"summary_encrypted_text"');
  });

  it('refuses a file whose reasoning is malformed, saying where', async () => {
    const db = openStudioDatabase(uniqueName('reasoning-bad'));
    const bad = JSON.parse(conversationToJson(conversation('c1'), MESSAGES, 1));
    bad.messages[1].choices[0].reasoning[0].summary[0] = { type: 'summary_text', signature: 'no text' };
    await expect(importAll(db, bad)).rejects.toThrow(ImportError);
    await expect(importAll(db, bad)).rejects.toThrow(/messages\[1\]\.choices\[0\]\.reasoning/);
    expect(await db.messages.count()).toBe(0);
  });
});

describe('reasoning in the Markdown export', () => {
  it('shows a Thinking block and the tool calls before the answer', () => {
    const md = conversationToMarkdown(conversation('c1', { activeLeafId: 'a1' }), MESSAGES.slice(0, 2));
    const thinking = md.indexOf('> **Thinking**');
    const tool = md.indexOf('**Tool call** `lookup_order`');
    const text = md.indexOf('It shipped yesterday.');
    expect(thinking).toBeGreaterThan(md.indexOf('## Assistant'));
    expect(thinking).toBeLessThan(tool);
    expect(tool).toBeLessThan(text);
    expect(md).toContain('> Check the order first.');
    expect(md).toContain('> *(encrypted reasoning — kept, not shown)*');
    // A readable export: no signature in it.
    expect(md).not.toContain('EqQBCkYIARgCKkBzaWduZWQ=');
  });
});
