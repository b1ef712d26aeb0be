import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedText, stem } from '../../../../electron/demo-workspace/embeddings';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { countTokens } from '../../../../electron/demo-workspace/tokenizer';
import { BGE, GTE, invocations, json, post, startFast } from './helpers';

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());

interface EmbeddingResponse {
  object: string;
  model: string;
  data: { index: number; object: string; embedding: number[] }[];
  usage: { prompt_tokens: number; total_tokens: number };
}

async function embed(endpoint: string, input: string | string[]): Promise<number[][]> {
  const res = await post(ws, invocations(endpoint), { input });
  expect(res.status).toBe(200);
  const body = (await json(res)) as EmbeddingResponse;
  return body.data.map((d) => d.embedding);
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
};

const PAIRS: [string, string, string][] = [
  ['The cat sat on the mat', 'A kitten is sleeping on the rug', 'Quarterly stock prices fell sharply'],
  [
    'How do I bake sourdough bread?',
    'A recipe for baking bread at home',
    'The football match ended in a draw',
  ],
  ['Training machine learning models', 'How to train a learning model', 'Sunny weather with a light wind'],
];

describe('embeddings', () => {
  it('answers the reference shape with 1024 unit-length dimensions', async () => {
    const res = await post(ws, invocations(BGE), { input: ['Hello world', 'How are you?'] });
    expect(res.headers.get('served-model-name')).toBe('bge-large-en-v1.5');
    const body = (await json(res)) as EmbeddingResponse;
    expect(body.object).toBe('list');
    expect(body.model).toBe('bge-large-en-v1.5');
    expect(body.data.map((d) => [d.index, d.object])).toEqual([
      [0, 'embedding'],
      [1, 'embedding'],
    ]);
    for (const { embedding } of body.data) {
      expect(embedding).toHaveLength(1024);
      expect(Math.sqrt(dot(embedding, embedding))).toBeCloseTo(1, 4);
    }
    const tokens = countTokens('Hello world') + countTokens('How are you?');
    expect(body.usage).toEqual({ prompt_tokens: tokens, total_tokens: tokens });
  });

  it('is deterministic and accepts a single string', async () => {
    const [a] = await embed(GTE, 'same text');
    const [b] = await embed(GTE, ['same text']);
    expect(a).toEqual(b);
  });

  it.each([BGE, GTE])('%s scores related texts clearly above unrelated ones', async (endpoint) => {
    for (const [anchor, related, unrelated] of PAIRS) {
      const [a, r, u] = (await embed(endpoint, [anchor, related, unrelated])) as [
        number[],
        number[],
        number[],
      ];
      expect(dot(a, r) - dot(a, u)).toBeGreaterThan(0.1);
    }
  });

  it('gives BGE and GTE measurably different vectors', async () => {
    const [bge] = (await embed(BGE, 'The quick brown fox')) as [number[]];
    const [gte] = (await embed(GTE, 'The quick brown fox')) as [number[]];
    expect(dot(bge, gte)).toBeLessThan(0.5);
    const [bge2] = (await embed(BGE, 'A fast brown fox jumps')) as [number[]];
    const [gte2] = (await embed(GTE, 'A fast brown fox jumps')) as [number[]];
    expect(Math.abs(dot(bge, bge2) - dot(gte, gte2))).toBeGreaterThan(0.01);
  });

  it('returns float32 base64 when asked (what the openai client requests)', async () => {
    const res = await post(ws, invocations(BGE), { input: 'base64 please', encoding_format: 'base64' });
    const body = await json(res);
    const buf = Buffer.from(body.data[0].embedding as string, 'base64');
    const vector = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
    expect(vector).toHaveLength(1024);
    expect(Array.from(vector)).toEqual(Array.from(embedText('base64 please', 'bge')));
  });

  it('embeds 500 texts in well under a second', async () => {
    const texts = Array.from(
      { length: 500 },
      (_, i) => `Document ${i}: notes about cats, markets and weather number ${i}`,
    );
    const started = performance.now();
    for (let i = 0; i < texts.length; i += 125) await embed(BGE, texts.slice(i, i + 125));
    const elapsed = performance.now() - started;
    console.log(`500 texts embedded over HTTP in ${elapsed.toFixed(0)} ms`);
    // Generous: vitest runs the other files in parallel on the same cores.
    expect(elapsed).toBeLessThan(2000);
    const computeStarted = performance.now();
    for (const text of texts) embedText(text, 'gte');
    const compute = performance.now() - computeStarted;
    console.log(`500 texts embedded in process in ${compute.toFixed(0)} ms`);
    expect(compute).toBeLessThan(500);
  });

  it('stems common suffixes', () => {
    expect(stem('computing')).toBe('comput');
    expect(stem('computers')).toBe('comput');
    expect(stem('stories')).toBe('story');
  });
});
