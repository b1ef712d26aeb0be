import { describe, expect, it } from 'vitest';
import { CONTINUE_PROMPT } from '../../../../../renderer/features/chat/chat-history';
import { METRICS, setup } from './harness';

/*
 * What Retry and Continue send after an interrupted answer (renderer/features/chat/chat-actions.ts):
 * Retry asks again without the partial text (a new answer beside it, as Regenerate does);
 * Continue sends the partial text as the assistant's turn and asks to go on.
 */

const CUT = 'The printing press was invented by';

/** A conversation whose answer broke off after some text (a dropped connection). */
async function interrupted() {
  const t = setup();
  t.state().setSystemPrompt('Be brief.');
  await t.send('Who invented the printing press?');
  t.emit(t.id(1), 0, { type: 'delta', index: 0, text: CUT });
  t.emit(t.id(1), 1, {
    type: 'error',
    error: { code: 'NETWORK', message: 'The connection to the workspace was lost.' },
    partial: true,
    metrics: METRICS,
  });
  t.frame();
  return { t, broken: t.last() };
}

const HISTORY = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Who invented the printing press?' },
];

describe('after an interrupted answer', () => {
  it('Retry resends the conversation without the partial answer', async () => {
    const { t, broken } = await interrupted();
    expect(broken).toMatchObject({ status: 'error', content: CUT });
    await t.state().regenerate(broken.id);
    expect(t.chats[1]?.messages).toEqual(HISTORY);
    // The partial answer stays (a sibling branch) while the new one streams beside it.
    expect(t.state().messages[broken.id]?.content).toBe(CUT);
    expect(t.last().parentId).toBe(broken.parentId);
  });

  it('Retry after a reload (the answer reopened as interrupted) sends no partial turn either', async () => {
    const t = setup();
    await t.send('Who invented the printing press?');
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: CUT });
    t.frame();
    await t.settle();
    // The app closed mid-stream: the in-memory state is gone, the saved message stays.
    const id = t.state().conversationId ?? '';
    t.store.setState({ conversationId: null, messages: {}, thread: [], activeId: null });
    await t.state().openConversation(id);
    const broken = t.last();
    expect(broken).toMatchObject({ status: 'interrupted', content: CUT });
    await t.state().regenerate(broken.id);
    expect(t.chats.at(-1)?.messages).toEqual([{ role: 'user', content: 'Who invented the printing press?' }]);
  });

  it('Continue sends the partial answer as the assistant turn, then the instruction', async () => {
    const { t, broken } = await interrupted();
    await t.state().continueAnswer(broken.id);
    expect(t.chats[1]?.messages).toEqual([
      ...HISTORY,
      { role: 'assistant', content: CUT },
      { role: 'user', content: CONTINUE_PROMPT },
    ]);
  });
});

describe('a missing endpoint', () => {
  const RETIRED = 'databricks-dbrx-instruct';
  const SAID = `The endpoint ${RETIRED} has been retired. Please use another model.`;

  it('is never sent to nor swapped: the picker takes the focus until another is picked', async () => {
    const t = setup({ missing: { [RETIRED]: `${RETIRED} is missing.` } });
    t.state().setEndpoint(RETIRED);
    await t.send('Hello');
    expect(t.chats).toHaveLength(0);
    expect(t.state()).toMatchObject({ endpoint: RETIRED, draft: 'Hello', pickerFocus: 1 });
    t.state().setEndpoint('chat-model');
    await t.state().send();
    expect(t.chats.map((c) => c.endpoint)).toEqual(['chat-model']);
  });

  it("is reported gone when the server answers 404, in the server's words", async () => {
    const t = setup();
    await t.send('Hello');
    const retired = {
      code: 'NOT_FOUND' as const,
      message: 'The model behind "chat-model" has been retired. Pick another model.',
      serverMessage: SAID,
      retired: true,
      status: 404,
    };
    t.emit(t.id(1), 0, { type: 'error', error: retired, partial: false, metrics: null });
    t.frame();
    await t.settle();
    expect(t.gone).toEqual([['chat-model', retired]]);
    expect(t.state().failure?.error).toMatchObject({ retired: true, serverMessage: SAID });
    // The app's own NOT_FOUND (no HTTP status) says nothing about the endpoint.
    await t.send('Again');
    t.emit(t.id(2), 0, {
      type: 'error',
      error: { code: 'NOT_FOUND', message: 'x' },
      partial: false,
      metrics: null,
    });
    t.frame();
    expect(t.gone).toHaveLength(1);
  });
});
