import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { conversationsRepo } from '../../../../../../renderer/core/db/conversations-repo';
import { openStudioDatabase } from '../../../../../../renderer/core/db/database';
import {
  type ChatLink,
  createConversationsStore,
  type StoreTimers,
} from '../../../../../../renderer/features/chat/conversations/create-conversations-store';
import { conversation, uniqueName, user } from '../../../db/fixtures';

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, { cb: () => void; ms: number }>();
  let next = 0;
  const timers: StoreTimers = {
    setTimeout(cb, ms) {
      pending.set(++next, { cb, ms });
      return next;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  const fire = (ms?: number) => {
    for (const [id, t] of [...pending]) {
      if (ms === undefined || t.ms === ms) {
        pending.delete(id);
        t.cb();
      }
    }
  };
  return { timers, fire, pending };
}

function setup(openId: string | null = null) {
  const repo = conversationsRepo(openStudioDatabase(uniqueName('store')));
  const calls: string[] = [];
  let open = openId;
  const chat: ChatLink = {
    openId: () => open,
    open: (id, messageId) => {
      open = id;
      calls.push(`open ${id}${messageId ? ` ${messageId}` : ''}`);
    },
    newConversation: () => {
      open = null;
      calls.push('new');
    },
    renamed: (id, title) => void calls.push(`renamed ${id} ${title}`),
  };
  const t = manualTimers();
  let focusAsked = 0;
  const store = createConversationsStore({
    repo: () => repo,
    chat: () => chat,
    timers: t.timers,
    undoMs: 8_000,
    searchDelayMs: 150,
    onFocusSearch: () => void focusAsked++,
  });
  return { repo, store, calls, t, focusAsked: () => focusAsked };
}

const flush = () => new Promise((done) => setTimeout(done, 20));

describe('conversations store', () => {
  it('lists newest first on refresh', async () => {
    const { repo, store } = setup();
    await repo.create(conversation('a', { updatedAt: 1 }));
    await repo.create(conversation('b', { updatedAt: 2 }));
    expect(store.getState().loaded).toBe(false);
    await store.getState().refresh();
    expect(store.getState().conversations.map((c) => c.id)).toEqual(['b', 'a']);
    expect(store.getState().loaded).toBe(true);
  });

  it('coalesces refreshes that arrive while one is running', async () => {
    const { repo, store } = setup();
    const first = store.getState().refresh();
    await repo.create(conversation('late'));
    const second = store.getState().refresh();
    await Promise.all([first, second]);
    expect(store.getState().conversations.map((c) => c.id)).toEqual(['late']);
  });

  it('renames (trimmed), tells the chat when it is the open one, ignores blank titles', async () => {
    const { repo, store, calls } = setup('a');
    await repo.create(conversation('a'));
    await store.getState().rename('a', '  New name ');
    expect((await repo.get('a'))?.title).toBe('New name');
    expect(store.getState().conversations[0]?.title).toBe('New name');
    expect(calls).toEqual(['renamed a New name']);
    await store.getState().rename('a', '   ');
    expect((await repo.get('a'))?.title).toBe('New name');
  });

  it('deletes with Undo that restores everything and reopens it', async () => {
    const { repo, store, calls, t } = setup('a');
    await repo.create(conversation('a'));
    await repo.putMessages([user('u1', 'a', null, 'hello', 1)]);
    await store.getState().remove('a');
    expect(await repo.get('a')).toBeUndefined();
    expect(calls).toEqual(['new']);
    expect(store.getState().undo?.removed.conversation.id).toBe('a');
    await store.getState().undoRemove();
    expect(await repo.get('a')).toEqual(conversation('a'));
    expect(await repo.messages('a')).toHaveLength(1);
    expect(calls).toEqual(['new', 'open a']);
    expect(store.getState().undo).toBeNull();
    expect(t.pending.size).toBe(0);
  });

  it('leaves the chat alone when the deleted conversation is not the open one', async () => {
    const { repo, store, calls } = setup('other');
    await repo.create(conversation('a'));
    await store.getState().remove('a');
    await store.getState().undoRemove();
    expect(calls).toEqual([]);
    expect(await repo.get('a')).toEqual(conversation('a'));
  });

  it('expires Undo when its timer fires', async () => {
    const { repo, store, t } = setup();
    await repo.create(conversation('a'));
    await store.getState().remove('a');
    t.fire(8_000);
    expect(store.getState().undo).toBeNull();
    await store.getState().undoRemove();
    expect(await repo.get('a')).toBeUndefined();
  });

  it('searches once typing pauses, dropping stale results', async () => {
    const { repo, store, t } = setup();
    await repo.create(conversation('a', { title: 'Lighthouse' }));
    await repo.putMessages([user('u1', 'a', null, 'the keeper of the light', 5)]);
    store.getState().setQuery('keep');
    store.getState().setQuery('keeper');
    expect(t.pending.size).toBe(1);
    t.fire(150);
    await flush();
    expect(store.getState().hits.map((h) => h.messageId)).toEqual(['u1']);
    store.getState().setQuery('');
    t.fire(150);
    await flush();
    expect(store.getState().hits).toEqual([]);
  });

  it('asks for the search focus', () => {
    const { store, focusAsked } = setup();
    store.getState().focusSearch();
    store.getState().focusSearch();
    expect(store.getState().searchFocus).toBe(2);
    expect(focusAsked()).toBe(2);
  });
});
