import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { conversationsRepo } from '../../../../../renderer/core/db/conversations-repo';
import {
  openStudioDatabase,
  SCHEMA_VERSION,
  type StudioDatabase,
} from '../../../../../renderer/core/db/database';
import {
  activeBranch,
  conversationToJson,
  conversationToMarkdown,
  exportAll,
  fileNameFor,
  ImportError,
  importAll,
  parseJsonText,
} from '../../../../../renderer/core/db/export-import';
import {
  answer,
  COMPARE_SETUP,
  COMPARISON,
  COMPLETION_RUN,
  conversation,
  PRESET,
  PRICE,
  uniqueName,
  usage,
  user,
  VOTE,
} from '../../db/fixtures';

async function seed(db: StudioDatabase) {
  const repo = conversationsRepo(db);
  await repo.create(conversation('c1', { title: 'Qubits', activeLeafId: 'a1b', systemPrompt: 'Be brief.' }));
  await repo.create(conversation('c2', { title: 'Empty', updatedAt: 2_000, workspaceId: null, params: {} }));
  await repo.putMessages([
    user('u1', 'c1', null, 'Explain qubits', 10),
    answer('a1', 'c1', 'u1', 'First answer', 20),
    answer('a1b', 'c1', 'u1', 'Tab two', 30, {
      choices: [
        { text: 'Tab one', finishReason: 'length' },
        { text: 'Tab two', finishReason: 'stop' },
      ],
      selectedChoice: 1,
      status: 'stopped',
      error: { code: 'NETWORK', message: 'Connection lost.' },
      costUsd: null,
    }),
  ]);
  await db.presets.put(PRESET);
  await db.prices.put(PRICE);
  await db.completionRuns.bulkPut([
    COMPLETION_RUN,
    { ...COMPLETION_RUN, id: 'run2', status: 'error', choices: [] },
  ]);
  await db.usage.bulkPut([usage('us1', 100), usage('us2', 200, { source: 'embeddings', costUsd: null })]);
  await db.compareSetups.put(COMPARE_SETUP);
  await db.comparisons.put(COMPARISON);
  await db.votes.bulkPut([VOTE, { ...VOTE, id: 'v2', turn: 1, winner: null }]);
}

const ZERO_NEW = { completionRuns: 0, usage: 0, compareSetups: 0, comparisons: 0, votes: 0, images: 0 };

async function wipe(db: StudioDatabase) {
  await Promise.all(db.tables.map((t) => t.clear()));
}

/** An export as it travels: through JSON text, like a file. */
const asFile = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('exportAll / importAll', () => {
  it('round-trips losslessly: export → wipe → import → export', async () => {
    const db = openStudioDatabase(uniqueName('roundtrip'));
    await seed(db);
    const first = await exportAll(db, 42);
    expect(first).toMatchObject({ format: 'serving-studio-export', schemaVersion: SCHEMA_VERSION });
    expect(first.messages).toHaveLength(3);
    expect(first.comparisons).toEqual([COMPARISON]);
    await wipe(db);
    const { written, added } = await importAll(db, asFile(first));
    expect(added).toEqual(written);
    expect(written).toEqual({
      conversations: 2,
      messages: 3,
      presets: 1,
      prices: 1,
      completionRuns: 2,
      usage: 2,
      compareSetups: 1,
      comparisons: 1,
      votes: 2,
      images: 0,
    });
    const second = await exportAll(db, 42);
    // Strict: no field lost, none added, not even an `undefined` one (key order may differ).
    expect(second).toStrictEqual(first);
  });

  it('merges by id and never deletes', async () => {
    const source = openStudioDatabase(uniqueName('source'));
    await seed(source);
    const file = asFile(await exportAll(source));
    const target = openStudioDatabase(uniqueName('target'));
    await conversationsRepo(target).create(conversation('mine'));
    await conversationsRepo(target).create(conversation('c1', { title: 'Stale title' }));
    await importAll(target, file);
    const titles = (await target.conversations.toArray()).map((c) => c.title).sort();
    expect(titles).toEqual(['Conversation mine', 'Empty', 'Qubits']);
    // Importing twice changes nothing, and says so: nothing was added the second time.
    const again = await importAll(target, file);
    expect(await target.messages.count()).toBe(3);
    expect(again.written).toMatchObject({ conversations: 2, messages: 3 });
    expect(Object.values(again.added).every((n) => n === 0)).toBe(true);
  });

  it('counts only the records that were not already here as added', async () => {
    const source = openStudioDatabase(uniqueName('source-added'));
    await seed(source);
    const file = asFile(await exportAll(source));
    const target = openStudioDatabase(uniqueName('target-added'));
    await conversationsRepo(target).create(conversation('c1', { title: 'Stale title' }));
    const { written, added } = await importAll(target, file);
    expect(written.conversations).toBe(2);
    expect(added.conversations).toBe(1);
    expect(added.messages).toBe(written.messages);
  });

  it('imports a version 1 export through the migration', async () => {
    const db = openStudioDatabase(uniqueName('v1file'));
    const v1 = {
      format: 'serving-studio-export',
      schemaVersion: 1,
      exportedAt: 1,
      conversations: [
        { id: 'c', title: 'Old', createdAt: 1, updatedAt: 2, endpoint: null, systemPrompt: '', params: {} },
      ],
      messages: [
        { id: 'u', conversationId: 'c', parentId: null, role: 'user', content: 'hi', createdAt: 1 },
        {
          id: 'a',
          conversationId: 'c',
          parentId: 'u',
          role: 'assistant',
          content: 'yo',
          createdAt: 2,
          finishReason: 'stop',
        },
      ],
      presets: [PRESET],
    };
    expect((await importAll(db, v1)).written).toEqual({
      conversations: 1,
      messages: 2,
      presets: 1,
      prices: 0,
      ...ZERO_NEW,
    });
    expect(await db.conversations.get('c')).toMatchObject({ activeLeafId: 'a', workspaceId: null });
    expect(await db.messages.get('a')).toMatchObject({
      status: 'done',
      choices: [{ text: 'yo', finishReason: 'stop' }],
      selectedChoice: 0,
    });
  });

  it('imports a version 2 export: its tables restored, the new ones left as they are', async () => {
    const db = openStudioDatabase(uniqueName('v2file'));
    await db.usage.put(usage('mine', 1));
    const v2 = {
      format: 'serving-studio-export',
      schemaVersion: 2,
      exportedAt: 1,
      conversations: [conversation('c', { activeLeafId: 'u' })],
      messages: [user('u', 'c', null, 'hi', 1)],
      presets: [PRESET],
      prices: [PRICE],
    };
    expect((await importAll(db, v2)).written).toEqual({
      conversations: 1,
      messages: 1,
      presets: 1,
      prices: 1,
      ...ZERO_NEW,
    });
    expect(await db.conversations.get('c')).toEqual(v2.conversations[0]);
    expect(await db.prices.toArray()).toEqual([PRICE]);
    expect((await db.usage.toArray()).map((u) => u.id)).toEqual(['mine']);
  });

  it('refuses bad files with a clear error and writes nothing', async () => {
    const db = openStudioDatabase(uniqueName('bad'));
    const good = asFile(await exportAll(db)) as Record<string, unknown>;
    const cases: [unknown, RegExp][] = [
      [null, /not a Serving Studio export/],
      [[1, 2], /not a Serving Studio export/],
      [{ ...good, format: 'chatbox' }, /not a Serving Studio export/],
      [{ ...good, schemaVersion: SCHEMA_VERSION + 1 }, /newer Serving Studio/],
      [{ ...good, conversations: [{ id: 'x' }] }, /damaged: conversations\[0\]\.title/],
      [{ ...good, messages: [user('m', 'ghost', null, 'hi', 1)] }, /neither in the file nor in the app/],
      [{ ...good, presets: [{ ...PRESET, params: { temprature: 1 } }] }, /damaged: presets\[0\]\.params/],
      [{ ...good, usage: [{ ...usage('u', 1), promptTokens: -1 }] }, /damaged: usage\[0\]\.promptTokens/],
      [{ ...good, votes: [{ ...VOTE, winner: 3 }] }, /damaged: votes\[0\]\.winner/],
    ];
    for (const [data, message] of cases) {
      const error = await importAll(db, data).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toMatch(message);
    }
    expect(await db.messages.count()).toBe(0);
    expect(await db.usage.count()).toBe(0);
    expect(() => parseJsonText('{oops')).toThrow(/not JSON/);
  });
});

describe('conversation files', () => {
  const c = conversation('c1', { title: 'Qubits: a primer', activeLeafId: 'a1b', systemPrompt: 'Be brief.' });
  const messages = [
    user('u1', 'c1', null, 'Explain qubits', 10),
    answer('a1', 'c1', 'u1', 'Other branch', 20),
    answer('a1b', 'c1', 'u1', 'Tab two', 30, {
      choices: [
        { text: 'Tab one', finishReason: 'length' },
        { text: 'Tab two', finishReason: 'stop' },
      ],
      selectedChoice: 1,
    }),
  ];

  it('follows the active branch, or the newest leaf when none is set', () => {
    expect(activeBranch(messages, 'a1b').map((m) => m.id)).toEqual(['u1', 'a1b']);
    expect(activeBranch(messages, 'a1').map((m) => m.id)).toEqual(['u1', 'a1']);
    expect(activeBranch(messages, null).map((m) => m.id)).toEqual(['u1', 'a1b']);
    expect(activeBranch([], null)).toEqual([]);
  });

  it('writes Markdown with role headings and a metrics line per answer', () => {
    const md = conversationToMarkdown(c, messages);
    expect(md).toContain('# Qubits: a primer');
    expect(md).toContain('## System\n\nBe brief.');
    expect(md).toContain('## User\n\nExplain qubits');
    expect(md).toContain('## Assistant\n\nTab two');
    expect(md).not.toContain('Other branch');
    expect(md).toContain(
      '*TTFT 120 ms · 45.3 tokens/s · 12 in / 340 out · $0.00123 · finish_reason: stop · choice 2 of 2 · databricks-meta-llama-3-1-70b-instruct*',
    );
  });

  it('writes JSON with every branch, importable as it is', async () => {
    const json = conversationToJson(c, messages, 7);
    const parsed = JSON.parse(json);
    expect(parsed).toMatchObject({ format: 'serving-studio-export', exportedAt: 7, conversations: [c] });
    expect(parsed.messages).toHaveLength(3);
    const db = openStudioDatabase(uniqueName('one'));
    expect((await importAll(db, parsed)).written).toMatchObject({ conversations: 1, messages: 3 });
  });

  it('makes safe file names', () => {
    expect(fileNameFor('Qubits: a primer!', 'md')).toBe('qubits-a-primer.md');
    expect(fileNameFor('///', 'json')).toBe('conversation.json');
  });
});
