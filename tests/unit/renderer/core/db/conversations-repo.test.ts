import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { conversationsRepo, UNTITLED } from '../../../../../renderer/core/db/conversations-repo';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import { answer, conversation, uniqueName, user } from '../../db/fixtures';

function freshRepo() {
  const db = openStudioDatabase(uniqueName('repo'));
  return { db, repo: conversationsRepo(db) };
}

describe('conversationsRepo', () => {
  it('creates with defaults and lists newest first', async () => {
    const { repo } = freshRepo();
    const made = await repo.create({ endpoint: 'e' });
    expect(made).toMatchObject({
      title: UNTITLED,
      endpoint: 'e',
      params: {},
      activeLeafId: null,
      systemPrompt: '',
    });
    expect(made.id).toMatch(/[0-9a-f-]{36}/);
    await repo.create({ id: 'old', updatedAt: 1 });
    await repo.create({ id: 'new', updatedAt: Date.now() + 1000 });
    expect((await repo.list()).map((c) => c.id)).toEqual(['new', made.id, 'old']);
  });

  it('updates fields without bumping updatedAt', async () => {
    const { repo } = freshRepo();
    await repo.create(conversation('c1'));
    const renamed = await repo.update('c1', { title: 'Renamed' });
    expect(renamed).toEqual(conversation('c1', { title: 'Renamed' }));
    expect(await repo.update('missing', { title: 'x' })).toBeUndefined();
  });

  it('returns messages of one conversation in order, and writes/deletes them', async () => {
    const { repo } = freshRepo();
    await repo.create(conversation('c1'));
    await repo.create(conversation('c2'));
    await repo.putMessages([answer('a1', 'c1', 'u1', 'hi', 20), user('u1', 'c1', null, 'hello', 10)]);
    await repo.putMessage(user('x', 'c2', null, 'other', 5));
    expect((await repo.messages('c1')).map((m) => m.id)).toEqual(['u1', 'a1']);
    await repo.putMessage({ ...answer('a1', 'c1', 'u1', 'hi there', 20) });
    expect((await repo.messages('c1'))[1]?.content).toBe('hi there');
    await repo.deleteMessages(['a1']);
    expect((await repo.messages('c1')).map((m) => m.id)).toEqual(['u1']);
  });

  it('removes a conversation with its messages and restores it exactly', async () => {
    const { db, repo } = freshRepo();
    await repo.create(conversation('c1', { activeLeafId: 'a1' }));
    await repo.create(conversation('c2'));
    const messages = [user('u1', 'c1', null, 'hello', 10), answer('a1', 'c1', 'u1', 'hi', 20)];
    await repo.putMessages(messages);
    await repo.putMessage(user('k', 'c2', null, 'keep', 5));

    const removed = await repo.remove('c1');
    expect(removed?.conversation).toEqual(conversation('c1', { activeLeafId: 'a1' }));
    expect(removed?.messages).toEqual(messages);
    expect(await repo.get('c1')).toBeUndefined();
    expect(await db.messages.count()).toBe(1);
    expect(await repo.remove('c1')).toBeNull();

    await repo.restore(removed!);
    expect(await repo.get('c1')).toEqual(conversation('c1', { activeLeafId: 'a1' }));
    expect(await repo.messages('c1')).toEqual(messages);
    expect(await db.messages.count()).toBe(3);
  });

  it('searches messages and titles case-insensitively, newest first, with a snippet', async () => {
    const { repo } = freshRepo();
    await repo.create(conversation('old', { title: 'Lighthouse story', updatedAt: 30 }));
    await repo.create(conversation('new', { title: 'Other', updatedAt: 90 }));
    const long = `${'x '.repeat(60)}the LIGHTHOUSE keeper ${'y '.repeat(80)}`;
    await repo.putMessages([
      user('o1', 'old', null, 'Tell me about a lighthouse.', 10),
      answer('o2', 'old', 'o1', long, 20),
      user('n1', 'new', null, 'No match here', 80),
      answer('n2', 'new', 'n1', 'A lighthouse again', 85),
    ]);
    const hits = await repo.search('lightHouse');
    expect(hits.map((h) => [h.conversationId, h.messageId])).toEqual([
      ['new', 'n2'],
      ['old', null],
      ['old', 'o2'],
      ['old', 'o1'],
    ]);
    const o2 = hits[2]!;
    expect(o2.title).toBe('Lighthouse story');
    expect(o2.snippet.startsWith('…')).toBe(true);
    expect(o2.snippet.endsWith('…')).toBe(true);
    expect(o2.snippet.slice(o2.matchStart, o2.matchStart + o2.matchLength)).toBe('LIGHTHOUSE');
    expect(o2.snippet.length).toBeLessThan(150);
    expect(await repo.search('lighthouse', 2)).toHaveLength(2);
    expect(await repo.search('   ')).toEqual([]);
    expect(await repo.search('no such words')).toEqual([]);
  });

  it('drops a title hit that repeats a message hit of the same conversation', async () => {
    const { repo } = freshRepo();
    await repo.create(conversation('c1', { title: 'Tell me about zephyrs', updatedAt: 9 }));
    await repo.putMessage(user('u1', 'c1', null, 'Tell me about zephyrs', 1));
    expect((await repo.search('zephyr')).map((h) => h.messageId)).toEqual(['u1']);
  });

  it('treats regex characters in a query literally', async () => {
    const { repo } = freshRepo();
    await repo.create(conversation('c1'));
    await repo.putMessages([
      user('u1', 'c1', null, 'costs $5 (or more)?', 1),
      user('u2', 'c1', null, 'costs 5', 2),
    ]);
    const hits = await repo.search('$5 (or');
    expect(hits.map((h) => h.messageId)).toEqual(['u1']);
  });

  it('stops scanning once the limit is reached (newest messages win)', async () => {
    const { repo } = freshRepo();
    await repo.create(conversation('c1', { title: 'untitled' }));
    const messages = Array.from({ length: 300 }, (_, i) => user(`m${i}`, 'c1', null, `word number ${i}`, i));
    await repo.putMessages(messages);
    const hits = await repo.search('word', 5);
    expect(hits.map((h) => h.messageId)).toEqual(['m299', 'm298', 'm297', 'm296', 'm295']);
  });

  it('gives up an aborted search', async () => {
    const { repo } = freshRepo();
    await repo.create(conversation('c1', { title: 'word' }));
    await repo.putMessage(user('m', 'c1', null, 'word', 1));
    const abort = new AbortController();
    abort.abort();
    expect(await repo.search('word', 10, abort.signal)).toEqual([]);
  });
});
