import { describe, expect, it } from 'vitest';
import type { PreparedImage } from '../../../../../renderer/core/images';
import { paneImagesRefusal } from '../../../../../renderer/features/compare/compare-images';
import { newPane, paneHistory } from '../../../../../renderer/features/compare/compare-model';
import { metrics, setup } from './harness';

/* Pictures in a comparison: sent to every pane with the turn; a text-only pane is refused, the others run. */

const TEXT_ONLY = 'databricks-meta-llama-3-3-70b-instruct';
const VISION = 'databricks-llama-4-maverick';
const DATA_URL = 'data:image/png;base64,AQID';

const prepared = (id: string): PreparedImage => ({
  attachment: {
    id,
    name: `${id}.png`,
    mime: 'image/png',
    width: 64,
    height: 48,
    bytes: 3,
    originalWidth: 64,
    originalHeight: 48,
    originalBytes: 3,
  },
  blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }),
});

describe('compare pictures, pure', () => {
  it('puts each turn’s pictures on its user message', () => {
    const pane = newPane('p', VISION);
    expect(paneHistory(pane, '', ['one', 'two'], [[{ url: DATA_URL }], []])).toEqual([
      { role: 'user', content: 'one', images: [{ url: DATA_URL }] },
      { role: 'user', content: 'two' },
    ]);
  });

  it('refuses a text-only pane only when pictures would go to it', () => {
    expect(paneImagesRefusal({ name: TEXT_ONLY }, [[{ url: DATA_URL }]])).toMatch(/text only/);
    expect(paneImagesRefusal({ name: TEXT_ONLY }, [[], []])).toBeNull();
    expect(paneImagesRefusal({ name: VISION }, [[{ url: DATA_URL }]])).toBeNull();
  });
});

describe('compare store with pictures', () => {
  it('sends the pictures to the vision pane and refuses the text-only pane with the reason', async () => {
    const s = setup();
    s.setPanes([VISION, TEXT_ONLY]);
    s.store.setState({ draftImages: [prepared('i1')] });
    await s.send('What is this?');
    expect(s.chats.map((c) => c.endpoint)).toEqual([VISION]);
    expect(s.chats[0]?.messages).toEqual([
      { role: 'user', content: 'What is this?', images: [{ url: DATA_URL }] },
    ]);
    const refused = s.state().panes[1]?.answers.at(-1);
    expect(refused).toMatchObject({ status: 'error', error: { code: 'INVALID_INPUT' } });
    expect(refused?.error?.message).toMatch(/Llama 3 models are text only/);
    expect(s.state().draftImages).toEqual([]);

    // The next turn carries the picture as history, to the vision pane only.
    s.emit(s.id(1), 0, { type: 'delta', index: 0, text: 'Red.' });
    s.emit(s.id(1), 1, { type: 'done', finishReasons: ['stop'], metrics: metrics() });
    s.frame();
    await s.send('Its size?');
    expect(s.chats).toHaveLength(2);
    expect(s.chats[1]?.messages[0]).toEqual({
      role: 'user',
      content: 'What is this?',
      images: [{ url: DATA_URL }],
    });
  });
});
