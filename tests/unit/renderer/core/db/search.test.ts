import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { conversationsRepo } from '../../../../../renderer/core/db/conversations-repo';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import { searchConversations } from '../../../../../renderer/core/db/search';
import { answer, conversation, uniqueName, user } from '../../db/fixtures';

/* Search finds words in an answer's reasoning too, and says so. */

describe('searchConversations in reasoning', () => {
  it('matches the reasoning of the choice on screen, marked as a Thinking hit', async () => {
    const db = openStudioDatabase(uniqueName('search-reasoning'));
    const repo = conversationsRepo(db);
    await repo.create(conversation('c1', { title: 'Orders' }));
    const thought = {
      type: 'summary_text' as const,
      text: 'First I should consult the ledger of shipments.',
    };
    await repo.putMessages([
      user('u1', 'c1', null, 'Where is my order?', 10),
      answer('a1', 'c1', 'u1', 'It shipped.', 20, {
        choices: [
          { text: 'It shipped.', finishReason: 'stop', reasoning: [{ summary: [thought] }] },
          {
            text: 'Other',
            finishReason: 'stop',
            reasoning: [{ summary: [{ type: 'summary_text', text: 'zebra' }] }],
          },
        ],
      }),
    ]);
    const [hit, ...rest] = await searchConversations(db, 'LEDGER');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ conversationId: 'c1', messageId: 'a1', inReasoning: true });
    expect(hit!.snippet.slice(hit!.matchStart, hit!.matchStart + hit!.matchLength)).toBe('ledger');
    // Text matches win, and are not marked; another choice's reasoning is not on screen.
    expect((await searchConversations(db, 'shipped'))[0]).not.toHaveProperty('inReasoning');
    expect(await searchConversations(db, 'zebra')).toEqual([]);
  });
});
