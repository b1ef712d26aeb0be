import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { colourName } from '../../../../electron/demo-workspace/vision';
import {
  type AnyJson,
  CLAUDE,
  chatText,
  GPT_OSS,
  invocations,
  json,
  LLAMA_3_3,
  MAVERICK,
  post,
  readAll,
  sseChunks,
  startFast,
} from './helpers';

/** Images in user messages: vision models name each one's size and colour; others refuse. */

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());

type Rgb = readonly [number, number, number];

/** RGBA pixels of a `width`×`height` image: `main` colour, with a small `accent` square. */
function pixels(width: number, height: number, main: Rgb, accent: Rgb = main): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = x < width / 4 && y < height / 4 ? accent : main;
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  return data;
}

function pngUrl(width: number, height: number, main: Rgb, accent?: Rgb): string {
  const png = new PNG({ width, height });
  png.data = pixels(width, height, main, accent);
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}

function jpegUrl(width: number, height: number, main: Rgb): string {
  const encoded = jpeg.encode({ width, height, data: pixels(width, height, main) }, 90);
  return `data:image/jpeg;base64,${encoded.data.toString('base64')}`;
}

const withImages = (text: string, urls: string[]) => ({
  messages: [
    {
      role: 'user',
      content: [{ type: 'text', text }, ...urls.map((url) => ({ type: 'image_url', image_url: { url } }))],
    },
  ],
});

async function ok(res: Response): Promise<AnyJson> {
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

describe('colour names', () => {
  it.each([
    [[230, 20, 20], 'red'],
    [[250, 140, 20], 'orange'],
    [[240, 230, 30], 'yellow'],
    [[30, 180, 40], 'green'],
    [[20, 210, 220], 'cyan'],
    [[30, 60, 220], 'blue'],
    [[130, 40, 200], 'purple'],
    [[240, 100, 200], 'pink'],
    [[120, 70, 20], 'brown'],
    [[5, 5, 5], 'black'],
    [[250, 250, 250], 'white'],
    [[128, 128, 128], 'grey'],
  ] as const)('names %j %s', ([r, g, b], name) => {
    expect(colourName(r, g, b)).toBe(name);
  });
});

describe('vision models', () => {
  it('name the size and dominant colour of a PNG and a JPEG, in order', async () => {
    const body = await ok(
      await post(
        ws,
        invocations(CLAUDE),
        withImages('What is in these pictures?', [
          pngUrl(64, 48, [220, 30, 30], [30, 60, 220]),
          jpegUrl(40, 30, [30, 60, 220]),
        ]),
      ),
    );
    expect(body.choices[0].message.content).toBe(
      'Image 1 is 64×48 pixels, mostly red. Image 2 is 40×30 pixels, mostly blue.',
    );
    expect(body.usage.prompt_tokens).toBeGreaterThan(4);
  });

  it('stream the description on Llama 4 Maverick', async () => {
    const res = await post(ws, invocations(MAVERICK), {
      ...withImages('Describe', [pngUrl(10, 20, [30, 180, 40])]),
      stream: true,
    });
    expect(chatText(sseChunks((await readAll(res)).text))).toBe('Image 1 is 10×20 pixels, mostly green.');
  });

  it('let a request with several 5 MB images through the payload cap', { timeout: 60_000 }, async () => {
    // Noise does not compress: about 5 MB of PNG, sent three times: 20 MB of body in all.
    const png = new PNG({ width: 1300, height: 1000 });
    let x = 1;
    for (let i = 0; i < png.data.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      png.data[i] = i % 4 === 3 ? 255 : x >> 16;
    }
    const url = `data:image/png;base64,${PNG.sync.write(png, { deflateLevel: 1 }).toString('base64')}`;
    const urls = [url, url, url];
    expect(urls.reduce((n, u) => n + u.length, 0)).toBeGreaterThan(16 * 1024 * 1024);
    const body = await ok(await post(ws, invocations(CLAUDE), withImages('Sizes?', urls)));
    expect(body.choices[0].message.content).toContain('Image 3 is 1300×1000 pixels');
  });
});

describe('refusals', () => {
  async function refused(res: Response, text: RegExp): Promise<void> {
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(body.message).toMatch(text);
  }

  it('text-only models refuse image content', async () => {
    const image = pngUrl(8, 8, [0, 0, 0]);
    await refused(
      await post(ws, invocations(LLAMA_3_3), withImages('Hi', [image])),
      /does not accept image content/,
    );
    await refused(
      await post(ws, invocations(GPT_OSS), withImages('Hi', [image])),
      /does not accept image content/,
    );
  });

  it('an image that does not decode is named', async () => {
    await refused(
      await post(
        ws,
        invocations(CLAUDE),
        withImages('Hi', [pngUrl(4, 4, [1, 2, 3]), 'data:image/png;base64,AAAA']),
      ),
      /messages\[0\]\.content\[2\]: the image could not be decoded as PNG/,
    );
    await refused(
      await post(ws, invocations(CLAUDE), withImages('Hi', ['data:text/plain;base64,AAAA'])),
      /messages\[0\]\.content\[1\]: the image is not a base64 data URL/,
    );
    await refused(
      await post(ws, invocations(CLAUDE), withImages('Hi', ['https://example.com/cat.png'])),
      /does not fetch image URLs/,
    );
  });

  it('an image too large to decode is refused before decoding', async () => {
    const bytes = Buffer.from(pngUrl(4, 4, [0, 0, 0]).split(',')[1] ?? '', 'base64');
    bytes.writeUInt32BE(100_000, 16);
    bytes.writeUInt32BE(1_000, 20);
    const url = `data:image/png;base64,${bytes.toString('base64')}`;
    await refused(await post(ws, invocations(CLAUDE), withImages('Hi', [url])), /larger than 50 megapixels/);
  });

  it('images are only taken in user messages', async () => {
    const messages = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: [{ type: 'image_url', image_url: { url: pngUrl(2, 2, [0, 0, 0]) } }] },
      { role: 'user', content: 'Again' },
    ];
    await refused(await post(ws, invocations(CLAUDE), { messages }), /only allowed in user messages/);
  });
});
