import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { conversationsRepo } from '../../../../../renderer/core/db/conversations-repo';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import { plainText, searchConversations } from '../../../../../renderer/core/db/search';
import { answer, conversation, uniqueName, user } from '../../db/fixtures';

/* Search snippets show text as read, not the markdown it was written in. */

describe('plainText', () => {
  it('strips headings, emphasis, links, inline code, quotes and fences', () => {
    const md = [
      '## Setup',
      'Use **bold** and _soft_ words, see [the docs](https://x.test/a) and `npm test`.',
      '> quoted',
      '```ts',
      'const a = 1;',
      '```',
    ].join('\n');
    expect(plainText(md)).toBe(
      ['Setup', 'Use bold and soft words, see the docs and npm test.', 'quoted', '', 'const a = 1;', ''].join(
        '\n',
      ),
    );
  });

  it('keeps marks that are not emphasis', () => {
    expect(plainText('snake_case_name and 2 * 3 * 4')).toBe('snake_case_name and 2 * 3 * 4');
  });
});

describe('searchConversations snippets', () => {
  it('shows a plain-text snippet with the match located in it', async () => {
    const db = openStudioDatabase(uniqueName('search-plain'));
    const repo = conversationsRepo(db);
    await repo.create(conversation('c1', { title: 'Docs' }));
    await repo.putMessages([
      user('u1', 'c1', null, 'hi', 10),
      answer('a1', 'c1', 'u1', '# Result\nThe **quantum** answer, per [paper](https://x.test).', 20),
    ]);
    const [hit] = await searchConversations(db, 'quantum');
    expect(hit?.snippet).toBe('Result The quantum answer, per paper.');
    expect(hit?.snippet.slice(hit.matchStart, hit.matchStart + hit.matchLength)).toBe('quantum');
  });

  it('falls back to the raw text when the query is markdown itself', async () => {
    const db = openStudioDatabase(uniqueName('search-raw'));
    const repo = conversationsRepo(db);
    await repo.create(conversation('c1', { title: 'Docs' }));
    await repo.putMessages([user('u1', 'c1', null, 'what does **x** do', 10)]);
    const [hit] = await searchConversations(db, '**x**');
    expect(hit?.snippet).toBe('what does **x** do');
  });
});
