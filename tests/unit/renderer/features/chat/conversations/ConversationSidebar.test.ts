import { describe, expect, it } from 'vitest';
import { titlesUsedTwice } from '../../../../../../renderer/features/chat/conversations/ConversationSidebar';

describe('titlesUsedTwice', () => {
  it('finds the titles more than one conversation has', () => {
    expect(titlesUsedTwice(['Notes', 'Plan', 'Notes', 'Other', 'Notes'])).toEqual(new Set(['Notes']));
    expect(titlesUsedTwice(['A', 'B'])).toEqual(new Set());
  });
});
