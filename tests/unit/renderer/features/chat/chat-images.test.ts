import { describe, expect, it } from 'vitest';
import type { ImageAttachment, MessageRecord } from '../../../../../renderer/core/db/records';
import type { PreparedImage } from '../../../../../renderer/core/images';
import { requestMessages } from '../../../../../renderer/features/chat/chat-history';
import { imagesRefusal } from '../../../../../renderer/features/chat/chat-images';
import { setup } from './harness';

/* Pictures in the chat: sent as data URLs with every request carrying them, refused before
   sending to a text-only model, never lost on a refusal, a failure or a delete. */

const TEXT_ONLY = 'databricks-meta-llama-3-3-70b-instruct';
const VISION = 'databricks-claude-sonnet-4-6';
const BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const DATA_URL = 'data:image/png;base64,iVBORwECAw==';

const attachment = (id: string): ImageAttachment => ({
  id,
  name: `${id}.png`,
  mime: 'image/png',
  width: 64,
  height: 48,
  bytes: BYTES.length,
  originalWidth: 64,
  originalHeight: 48,
  originalBytes: BYTES.length,
});

const prepared = (id: string): PreparedImage => ({
  attachment: attachment(id),
  blob: new Blob([BYTES], { type: 'image/png' }),
});

const userWith = (id: string, ids: string[]): MessageRecord => ({
  id,
  conversationId: 'c',
  parentId: null,
  role: 'user',
  content: 'look',
  createdAt: 1,
  attachments: ids.map(attachment),
});

describe('chat history with pictures', () => {
  it('puts each picture after the text; the preview shows the size instead of the base64', () => {
    const [message] = requestMessages([userWith('u', ['a', 'b'])], '');
    expect(message?.images).toEqual([
      { url: 'data:image/png;base64,<12 B of base64, elided in this preview>' },
      { url: 'data:image/png;base64,<12 B of base64, elided in this preview>' },
    ]);
    const sent = requestMessages([userWith('u', ['a'])], '', () => DATA_URL);
    expect(sent).toEqual([{ role: 'user', content: 'look', images: [{ url: DATA_URL }] }]);
  });

  it('sends a message of pictures alone, and leaves out a picture whose bytes are gone', () => {
    const alone = { ...userWith('u', ['a', 'b']), content: '' };
    expect(requestMessages([alone], '', (a) => (a.id === 'a' ? DATA_URL : ''))).toEqual([
      { role: 'user', content: '', images: [{ url: DATA_URL }] },
    ]);
  });
});

describe('imagesRefusal', () => {
  it('refuses pictures, new or in the history, to a model known as text only', () => {
    expect(imagesRefusal({ name: TEXT_ONLY }, [], 1)).toMatch(
      /text only: they take no images\. Remove the images/,
    );
    expect(imagesRefusal({ name: TEXT_ONLY }, [userWith('u', ['a'])], 0)).toMatch(/text only/);
    expect(imagesRefusal({ name: TEXT_ONLY }, [], 0)).toBeNull();
  });

  it('lets them go to a vision model and to a model the table does not know', () => {
    expect(imagesRefusal({ name: VISION }, [userWith('u', ['a'])], 2)).toBeNull();
    expect(imagesRefusal({ name: 'my-custom-model' }, [], 1)).toBeNull();
  });

  it('refuses more than 20 pictures in one message', () => {
    expect(imagesRefusal({ name: VISION }, [], 21)).toBe('At most 20 images per message.');
  });
});

describe('chat store with pictures', () => {
  it('sends the draft’s pictures as data URLs, stores them as blobs, and sends them again as history', async () => {
    const t = setup();
    t.state().setEndpoint(VISION);
    t.store.setState({ draftImages: [prepared('i1')] });
    await t.send('What is this?');
    expect(t.chats[0]?.messages).toEqual([
      { role: 'user', content: 'What is this?', images: [{ url: DATA_URL }] },
    ]);
    expect(t.state().draftImages).toEqual([]);
    const user = t.thread()[0];
    expect(user?.attachments).toEqual([attachment('i1')]);
    const [row] = await t.repo.images(['i1']);
    expect(row?.ownerId).toBe(user?.conversationId);
    expect([...new Uint8Array(await (row?.blob ?? new Blob()).arrayBuffer())]).toEqual([...BYTES]);

    t.answer(1, 'A red picture.');
    await t.send('And its size?');
    expect(t.chats[1]?.messages.map((m) => m.images)).toEqual([[{ url: DATA_URL }], undefined, undefined]);
  });

  it('refuses before sending to a text-only model, keeping the draft and its pictures', async () => {
    const t = setup();
    t.state().setEndpoint(TEXT_ONLY);
    t.store.setState({ draftImages: [prepared('i1')] });
    await t.send('Describe it');
    expect(t.chats).toHaveLength(0);
    expect(t.thread()).toHaveLength(0);
    expect(t.state().draft).toBe('Describe it');
    expect(t.state().draftImages.map((i) => i.attachment.id)).toEqual(['i1']);
  });

  it('refuses a new answer when the history holds pictures and the model is text only', async () => {
    const t = setup();
    t.state().setEndpoint(VISION);
    t.store.setState({ draftImages: [prepared('i1')] });
    await t.send('Look');
    t.answer(1, 'Red.');
    t.state().setEndpoint(TEXT_ONLY);
    await t.state().regenerate();
    await t.send('Text only now');
    expect(t.chats).toHaveLength(1);
  });

  it('gives the pictures back to the draft when the send fails before any answer', async () => {
    const t = setup({ errorsByEndpoint: { [VISION]: { code: 'SERVER', message: 'Down.' } } });
    t.state().setEndpoint(VISION);
    t.store.setState({ draftImages: [prepared('i1')] });
    await t.send('Look');
    t.frame();
    await t.settle();
    expect(t.state().failure?.error.message).toBe('Down.');
    expect(t.state().draft).toBe('Look');
    expect(t.state().draftImages.map((i) => i.attachment)).toEqual([attachment('i1')]);
    expect(await t.state().draftImages[0]?.blob.arrayBuffer()).toEqual(BYTES.buffer);
  });

  it('deletes a branch’s pictures with it; undo puts them back', async () => {
    const t = setup();
    t.state().setEndpoint(VISION);
    t.store.setState({ draftImages: [prepared('i1')] });
    await t.send('Look');
    t.answer(1, 'Red.');
    await t.settle();
    await t.state().deleteMessage(t.thread()[0]?.id ?? '');
    expect(await t.db.images.count()).toBe(0);
    await t.state().undoDelete();
    expect((await t.repo.images(['i1'])).map((r) => r.id)).toEqual(['i1']);
  });

  it('names each file refused at attach time and keeps everything else', async () => {
    const t = setup();
    t.state().setDraft('keep me');
    t.store.setState({ draftImages: Array.from({ length: 20 }, (_, i) => prepared(`i${i}`)) });
    const pdf = new File(['x'], 'notes.pdf', { type: 'application/pdf' });
    const png = new File([BYTES], 'one-more.png', { type: 'image/png' });
    await t.state().attachImages([pdf, png]);
    expect(t.state().attachError).toBe(
      'notes.pdf is not a PNG, JPEG, GIF or WebP picture (application/pdf). one-more.png was not attached: at most 20 images per message.',
    );
    expect(t.state().draftImages).toHaveLength(20);
    expect(t.state().draft).toBe('keep me');
    t.state().removeDraftImage('i3');
    expect(t.state().draftImages).toHaveLength(19);
    expect(t.state().attachError).toBeNull();
  });
});
