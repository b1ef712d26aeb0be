import { describe, expect, it, vi } from 'vitest';
import { METRICS, setup } from './harness';

/** Two turns: One → A1, Two → A2. */
async function twoTurns() {
  const t = setup();
  await t.send('One');
  t.answer(1, 'A1');
  await t.send('Two');
  t.answer(2, 'A2');
  return t;
}

const contents = (t: ReturnType<typeof setup>) => t.thread().map((m) => m.content);

describe('chat store: the conversation tree', () => {
  it('regenerate adds an answer beside the last one; the switcher moves between them', async () => {
    const t = await twoTurns();
    const first = t.last();
    await t.state().regenerate();
    expect(t.chats[2]?.messages).toEqual([
      { role: 'user', content: 'One' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Two' },
    ]);
    t.answer(3, 'A2 again');
    const second = t.last();
    expect(second.parentId).toBe(first.parentId);
    expect(contents(t)).toEqual(['One', 'A1', 'Two', 'A2 again']);
    t.state().switchBranch(second.id, -1);
    expect(contents(t)).toEqual(['One', 'A1', 'Two', 'A2']);
    t.state().switchBranch(first.id, 1);
    expect(t.last().id).toBe(second.id);
    await t.settle();
    const stored = await t.repo.get(t.state().conversationId ?? '');
    expect(stored?.activeLeafId).toBe(second.id);
  });

  it('regenerates any answer, not only the last', async () => {
    const t = await twoTurns();
    const a1 = t.thread()[1];
    await t.state().regenerate(a1?.id);
    expect(t.chats[2]?.messages).toEqual([{ role: 'user', content: 'One' }]);
    t.answer(3, 'A1b');
    expect(contents(t)).toEqual(['One', 'A1b']);
  });

  it('edit-and-resend makes a user sibling and its answer; switching back shows the old branch at its leaf', async () => {
    const t = await twoTurns();
    const two = t.thread()[2];
    await t.state().editAndResend(two?.id ?? '', 'Two, edited');
    expect(t.chats[2]?.messages).toEqual([
      { role: 'user', content: 'One' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Two, edited' },
    ]);
    t.answer(3, 'A2 edited');
    expect(contents(t)).toEqual(['One', 'A1', 'Two, edited', 'A2 edited']);
    const edited = t.thread()[2];
    t.state().switchBranch(edited?.id ?? '', -1);
    expect(contents(t)).toEqual(['One', 'A1', 'Two', 'A2']);
    // Continuing on the old branch sends that branch's history.
    await t.send('Three');
    expect(t.chats[3]?.messages.map((m) => m.content)).toEqual(['One', 'A1', 'Two', 'A2', 'Three']);
  });

  it('delete removes the message and its subtree, moving to a sibling; undo puts it back', async () => {
    const t = await twoTurns();
    await t.state().regenerate();
    t.answer(3, 'A2b');
    const two = t.thread()[2];
    await t.state().deleteMessage(two?.id ?? '');
    expect(contents(t)).toEqual(['One', 'A1']);
    expect(Object.keys(t.state().messages)).toHaveLength(2);
    await t.settle();
    expect(await t.repo.messages(t.state().conversationId ?? '')).toHaveLength(2);
    await t.state().undoDelete();
    expect(contents(t)).toEqual(['One', 'A1', 'Two', 'A2b']);
    await t.settle();
    expect(await t.repo.messages(t.state().conversationId ?? '')).toHaveLength(5);
    // Deleting one answer of two shows the other.
    await t.state().deleteMessage(t.last().id);
    expect(contents(t)).toEqual(['One', 'A1', 'Two', 'A2']);
  });

  it('n > 1: choices stream by index, and the selected one continues the conversation', async () => {
    const t = setup();
    t.state().setParams({ n: 3 });
    await t.send('Pick');
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'zero' });
    t.emit(t.id(1), 1, { type: 'delta', index: 2, text: 'two' });
    t.emit(t.id(1), 2, { type: 'delta', index: 1, text: 'one' });
    t.emit(t.id(1), 3, { type: 'done', finishReasons: ['stop', 'length', 'stop'], metrics: METRICS });
    t.frame();
    expect(t.last().choices).toEqual([
      { text: 'zero', finishReason: 'stop' },
      { text: 'one', finishReason: 'length' },
      { text: 'two', finishReason: 'stop' },
    ]);
    expect(t.last().content).toBe('zero');
    t.state().selectChoice(t.last().id, 2);
    expect(t.last()).toMatchObject({ selectedChoice: 2, content: 'two' });
    await t.send('Next');
    expect(t.chats[1]?.messages.map((m) => m.content)).toEqual(['Pick', 'two', 'Next']);
    await t.settle();
    const stored = await t.repo.messages(t.state().conversationId ?? '');
    expect(stored.find((m) => m.selectedChoice === 2)?.content).toBe('two');
  });

  it('copies a message and the last answer', async () => {
    const t = await twoTurns();
    await t.state().copyLastAnswer();
    await t.state().copyMessage(t.thread()[0]?.id ?? '');
    expect(t.clipboard).toEqual(['A2', 'One']);
  });

  it('opening a conversation at a search hit shows its branch and highlights it', async () => {
    const t = await twoTurns();
    const two = t.thread()[2];
    await t.state().editAndResend(two?.id ?? '', 'Other');
    t.answer(3, 'Other answer');
    const id = t.state().conversationId ?? '';
    await t.settle();
    t.state().newConversation();
    await t.state().openConversation(id, two?.id);
    await vi.waitFor(() => expect(t.state().conversationId).toBe(id));
    expect(contents(t)).toEqual(['One', 'A1', 'Two', 'A2']);
    expect(t.state().highlightId).toBe(two?.id);
  });
});
