import { describe, expect, it } from 'vitest';
import {
  groupBy,
  latestLeafId,
  migrateMessageV1,
  migrateSnapshotV1,
  migrateSnapshotV2,
} from '../../../../../renderer/core/db/migrations';
import { PRESET } from '../../db/fixtures';

describe('migrations 1 → 2', () => {
  it('picks the newest leaf, breaking ties by id', () => {
    const m = (id: string, parentId: string | null, createdAt: number) => ({ id, parentId, createdAt });
    expect(latestLeafId([])).toBeNull();
    expect(latestLeafId([m('a', null, 1), m('b', 'a', 2), m('c', 'a', 3)])).toBe('c');
    // 'a' is newest but has a child, so it is not a leaf.
    expect(latestLeafId([m('a', null, 9), m('b', 'a', 2)])).toBe('b');
    expect(latestLeafId([m('r', null, 0), m('x', 'r', 5), m('y', 'r', 5)])).toBe('y');
  });

  it('moves the finish reason into choice 0 and keeps user messages as they were', () => {
    const user = {
      id: 'u',
      conversationId: 'c',
      parentId: null,
      role: 'user' as const,
      content: 'hi',
      createdAt: 1,
    };
    expect(migrateMessageV1(user)).toEqual(user);
    expect(
      migrateMessageV1({
        ...user,
        id: 'a',
        role: 'assistant',
        content: 'yo',
        status: 'interrupted',
        finishReason: null,
      }),
    ).toEqual({
      ...user,
      id: 'a',
      role: 'assistant',
      content: 'yo',
      status: 'interrupted',
      choices: [{ text: 'yo', finishReason: null }],
      selectedChoice: 0,
    });
  });

  it('migrates a whole snapshot, adding the price table', () => {
    const snapshot = migrateSnapshotV1({
      conversations: [
        { id: 'c', title: 't', createdAt: 1, updatedAt: 1, endpoint: null, systemPrompt: '', params: {} },
      ],
      messages: [{ id: 'u', conversationId: 'c', parentId: null, role: 'user', content: 'hi', createdAt: 1 }],
      presets: [PRESET],
    });
    expect(snapshot.conversations[0]).toMatchObject({ activeLeafId: 'u', workspaceId: null });
    expect(snapshot.prices).toEqual([]);
    expect(snapshot.presets).toEqual([PRESET]);
  });

  it('groups rows keeping their order', () => {
    expect([...groupBy([1, 2, 3, 4], (n) => n % 2)]).toEqual([
      [1, [1, 3]],
      [0, [2, 4]],
    ]);
  });
});

describe('migrations 2 → 3', () => {
  it('keeps every version 2 table and adds the new ones empty', () => {
    const v2 = { conversations: [], messages: [], presets: [PRESET], prices: [] };
    expect(migrateSnapshotV2(v2)).toEqual({
      ...v2,
      completionRuns: [],
      usage: [],
      compareSetups: [],
      comparisons: [],
      votes: [],
    });
  });
});
