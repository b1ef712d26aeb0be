import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  openStudioDatabase,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_VERSION,
} from '../../../../../renderer/core/db/database';
import type { ConversationRecordV1, MessageRecordV1 } from '../../../../../renderer/core/db/migrations';
import { answer, conversation, METRICS, PRESET, PRICE, uniqueName, user } from '../../db/fixtures';

/*
 * The upgrade path: a database exactly as version 1 wrote it (its schema and its record
 * shapes) is opened by the current code, and every record must come out upgraded and complete.
 */

const V1_CONVERSATIONS: ConversationRecordV1[] = [
  {
    id: 'c-branches',
    title: 'Quantum computing',
    createdAt: 100,
    updatedAt: 500,
    workspaceId: 'demo',
    endpoint: 'databricks-meta-llama-3-1-70b-instruct',
    systemPrompt: 'Be brief.',
    params: { temperature: 0.2, stop: ['END'] },
  },
  // Written before workspaces existed: no workspaceId at all.
  {
    id: 'c-empty',
    title: 'Empty',
    createdAt: 200,
    updatedAt: 200,
    endpoint: null,
    systemPrompt: '',
    params: {},
  },
  {
    id: 'c-edited',
    title: 'Edited',
    createdAt: 300,
    updatedAt: 320,
    endpoint: null,
    systemPrompt: '',
    params: {},
  },
];

const V1_MESSAGES: MessageRecordV1[] = [
  {
    id: 'u1',
    conversationId: 'c-branches',
    parentId: null,
    role: 'user',
    content: 'Explain qubits',
    createdAt: 110,
  },
  {
    id: 'a1',
    conversationId: 'c-branches',
    parentId: 'u1',
    role: 'assistant',
    content: 'A qubit is…',
    createdAt: 120,
    finishReason: 'stop',
    endpoint: 'databricks-meta-llama-3-1-70b-instruct',
    params: { temperature: 0.2 },
    model: 'llama',
    metrics: METRICS,
    synthetic: true,
    costUsd: 0.002,
  },
  // A regenerated answer (sibling of a1) that was stopped, then continued below.
  {
    id: 'a1b',
    conversationId: 'c-branches',
    parentId: 'u1',
    role: 'assistant',
    content: 'Qubits are',
    createdAt: 130,
    status: 'stopped',
    finishReason: null,
    metrics: null,
  },
  { id: 'u2', conversationId: 'c-branches', parentId: 'a1b', role: 'user', content: 'Go on', createdAt: 140 },
  {
    id: 'a2',
    conversationId: 'c-branches',
    parentId: 'u2',
    role: 'assistant',
    content: 'Superposition…',
    createdAt: 150,
    finishReason: 'length',
    error: { code: 'RATE_LIMITED', message: 'Slow down', status: 429, limit: 'queries' },
  },
  {
    id: 'e1',
    conversationId: 'c-edited',
    parentId: null,
    role: 'user',
    content: 'first try',
    createdAt: 301,
  },
  { id: 'e2', conversationId: 'c-edited', parentId: 'e1', role: 'assistant', content: 'ok', createdAt: 302 },
  // The user edited the first message: a new root, not yet answered, newest leaf.
  {
    id: 'e3',
    conversationId: 'c-edited',
    parentId: null,
    role: 'user',
    content: 'second try',
    createdAt: 310,
  },
];

async function writeVersion1(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.table('conversations').bulkAdd(V1_CONVERSATIONS);
  await v1.table('messages').bulkAdd(V1_MESSAGES);
  await v1.table('presets').add(PRESET);
  v1.close();
}

describe('openStudioDatabase', () => {
  it('is at the current schema version with its tables and indexes', async () => {
    const db = openStudioDatabase(uniqueName('fresh'));
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'compareSetups',
      'comparisons',
      'completionRuns',
      'conversations',
      'evalDatasets',
      'evalResults',
      'evalRows',
      'evalRuns',
      'images',
      'messages',
      'presets',
      'prices',
      'usage',
      'votes',
    ]);
    const indexesOf = (table: string) =>
      db
        .table(table)
        .schema.indexes.map((i) => i.name)
        .sort();
    expect(indexesOf('usage')).toEqual(['[endpoint+at]', 'at', 'endpoint']);
    expect(indexesOf('completionRuns')).toEqual(['endpoint', 'updatedAt']);
    expect(indexesOf('votes')).toEqual(['at', 'comparisonId']);
    const indexes = db.messages.schema.indexes.map((i) => i.name).sort();
    expect(indexes).toEqual(['[conversationId+createdAt]', 'conversationId', 'createdAt', 'parentId']);
    expect(db.conversations.schema.indexes.map((i) => i.name)).toEqual(['updatedAt']);
    db.close();
  });

  it('upgrades a version 1 database without losing a record', async () => {
    const name = uniqueName('v1');
    await writeVersion1(name);
    const db = openStudioDatabase(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);

    const messages = await db.messages.toArray();
    expect(messages).toHaveLength(V1_MESSAGES.length);
    for (const old of V1_MESSAGES) {
      const now = messages.find((m) => m.id === old.id);
      const { finishReason, ...kept } = old;
      // Every version 1 field survives unchanged (finishReason moves into the choice).
      expect(now).toMatchObject(kept);
      expect(now).not.toHaveProperty('finishReason');
      if (old.role === 'assistant') {
        expect(now?.choices).toEqual([{ text: old.content, finishReason: finishReason ?? null }]);
        expect(now?.selectedChoice).toBe(0);
        expect(now?.status).toBe(old.status ?? 'done');
      } else {
        expect(now).not.toHaveProperty('choices');
      }
    }

    const conversations = await db.conversations.toArray();
    expect(conversations).toHaveLength(3);
    const byId = new Map(conversations.map((c) => [c.id, c]));
    expect(byId.get('c-branches')).toEqual({ ...V1_CONVERSATIONS[0], activeLeafId: 'a2' });
    expect(byId.get('c-empty')).toEqual({ ...V1_CONVERSATIONS[1], workspaceId: null, activeLeafId: null });
    expect(byId.get('c-edited')?.activeLeafId).toBe('e3');

    expect(await db.presets.toArray()).toEqual([PRESET]);
    expect(await db.prices.count()).toBe(0);
    // The new indexes work on upgraded data.
    expect((await db.messages.where('parentId').equals('u1').primaryKeys()).sort()).toEqual(['a1', 'a1b']);
    db.close();
  });

  it('opens an already upgraded database again without changing it', async () => {
    const name = uniqueName('twice');
    await writeVersion1(name);
    const first = openStudioDatabase(name);
    const before = await first.messages.toArray();
    first.close();
    const second = openStudioDatabase(name);
    expect(await second.messages.toArray()).toEqual(before);
    second.close();
  });

  it('upgrades a version 2 database: everything kept, the new tables empty', async () => {
    const name = uniqueName('v2');
    const conversations = [conversation('c1', { activeLeafId: 'a1' }), conversation('c2', { updatedAt: 9 })];
    const messages = [user('u1', 'c1', null, 'hi', 10), answer('a1', 'c1', 'u1', 'hello', 20)];
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    await v2.table('conversations').bulkAdd(conversations);
    await v2.table('messages').bulkAdd(messages);
    await v2.table('presets').add(PRESET);
    await v2.table('prices').add(PRICE);
    v2.close();

    const db = openStudioDatabase(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(await db.conversations.orderBy(':id').toArray()).toEqual(conversations);
    expect(await db.messages.orderBy(':id').toArray()).toEqual([messages[1], messages[0]]);
    expect(await db.presets.toArray()).toEqual([PRESET]);
    expect(await db.prices.toArray()).toEqual([PRICE]);
    for (const table of ['completionRuns', 'usage', 'compareSetups', 'comparisons', 'votes', 'images']) {
      expect(await db.table(table).count()).toBe(0);
    }
    // The new tables are usable straight away.
    await db.usage.add({
      id: 'x',
      at: 1,
      workspaceId: null,
      endpoint: 'e',
      source: 'chat',
      promptTokens: 1,
      completionTokens: 2,
      costUsd: null,
    });
    expect(await db.usage.where('[endpoint+at]').equals(['e', 1]).count()).toBe(1);
    db.close();
  });
});
