import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { ask, BGE, DBRX, invocations, json, LLAMA_70B, post, startFast } from './helpers';

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());

async function expectError(
  res: Response,
  status: number,
  code: string,
  ...fragments: string[]
): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  const body = await json(res);
  expect(body.error_code).toBe(code);
  for (const fragment of fragments) expect(body.message).toContain(fragment);
}

describe('parameter validation', () => {
  it.each([
    [{ temperature: 2.5 }, 'temperature', '0 and 2'],
    [{ top_p: 1.5 }, 'top_p', '0 and 1'],
    [{ n: 6 }, 'n', '1 and 5'],
    [{ top_k: 0 }, 'top_k', '1 and 500'],
    [{ max_tokens: 0 }, 'max_tokens', '1 and'],
    [{ max_tokens: 40_000 }, 'max_tokens', '32768'],
    [{ n: 1.5 }, 'n', 'whole number'],
    [{ temperature: 'hot' }, 'temperature', 'number'],
    [{ stop: [''] }, 'stop', 'empty'],
    [{ stop: 42 }, 'stop', 'string'],
  ])('refuses %o with INVALID_PARAMETER_VALUE naming the parameter', async (params, name, range) => {
    const res = await post(ws, invocations(DBRX), ask('hi', params));
    await expectError(res, 400, 'INVALID_PARAMETER_VALUE', range);
    expect(JSON.stringify(params)).toContain(name);
  });

  it.each(['presence_penalty', 'frequency_penalty', 'seed'])('refuses %s as not supported', async (name) => {
    const res = await post(ws, invocations(LLAMA_70B), ask('hi', { [name]: 1 }));
    await expectError(res, 400, 'INVALID_PARAMETER_VALUE', name, 'not supported');
  });

  it('accepts a single stop string and null parameters', async () => {
    const res = await post(
      ws,
      invocations(LLAMA_70B),
      ask('hi', { stop: 'END', temperature: null, seed: null }),
    );
    expect(res.status).toBe(200);
  });

  it('refuses sampling parameters and streaming on embeddings', async () => {
    await expectError(
      await post(ws, invocations(BGE), { input: 'x', temperature: 0.5 }),
      400,
      'INVALID_PARAMETER_VALUE',
      'temperature',
    );
    await expectError(
      await post(ws, invocations(BGE), { input: 'x', stream: true }),
      400,
      'INVALID_PARAMETER_VALUE',
      'stream',
    );
  });
});

describe('malformed requests', () => {
  it('answers MALFORMED_REQUEST for bad JSON and an empty body', async () => {
    await expectError(await post(ws, invocations(LLAMA_70B), '{"messages": ['), 400, 'MALFORMED_REQUEST');
    await expectError(await post(ws, invocations(LLAMA_70B), ''), 400, 'MALFORMED_REQUEST');
  });

  it('refuses bodies that are not objects or carry no known field', async () => {
    await expectError(await post(ws, invocations(LLAMA_70B), '[1,2]'), 400, 'BAD_REQUEST');
    await expectError(await post(ws, invocations(LLAMA_70B), { foo: 1 }), 400, 'BAD_REQUEST', 'messages');
    await expectError(
      await post(ws, invocations(LLAMA_70B), { messages: [], prompt: 'x' }),
      400,
      'BAD_REQUEST',
    );
  });

  it('refuses bad messages', async () => {
    await expectError(
      await post(ws, invocations(LLAMA_70B), { messages: [] }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    const badRole = { messages: [{ role: 'robot', content: 'x' }] };
    await expectError(
      await post(ws, invocations(LLAMA_70B), badRole),
      400,
      'INVALID_PARAMETER_VALUE',
      'role',
    );
    const badContent = { messages: [{ role: 'user', content: 5 }] };
    await expectError(
      await post(ws, invocations(LLAMA_70B), badContent),
      400,
      'INVALID_PARAMETER_VALUE',
      'content',
    );
  });

  it('refuses messages sent to an embeddings endpoint', async () => {
    await expectError(await post(ws, invocations(BGE), ask('hi')), 400, 'BAD_REQUEST', 'llm/v1/embeddings');
  });

  it('refuses bodies over 16 MB with a 400', async () => {
    const huge = JSON.stringify(ask('x'.repeat(17 * 1024 * 1024)));
    await expectError(await post(ws, invocations(LLAMA_70B), huge), 400, 'BAD_REQUEST', '16 MB');
  });
});

describe('context window', () => {
  it('answers "Input is too long." beyond the context window', async () => {
    const long = 'word '.repeat(33_000);
    await expectError(await post(ws, invocations(DBRX), ask(long)), 400, 'BAD_REQUEST', 'Input is too long.');
    // The same input fits the 128k model.
    expect((await post(ws, invocations(LLAMA_70B), ask(long, { max_tokens: 5 }))).status).toBe(200);
  });

  it('counts max_tokens against the window', async () => {
    const res = await post(ws, invocations(DBRX), ask('word '.repeat(30_000), { max_tokens: 5000 }));
    await expectError(res, 400, 'BAD_REQUEST', 'Input is too long.', 'max_tokens');
  });

  it('limits each embeddings input to the model limit (BGE 512, GTE 8192)', async () => {
    const text = 'token '.repeat(600);
    const res = await post(ws, invocations(BGE), { input: ['short', text] });
    await expectError(res, 400, 'BAD_REQUEST', 'Input is too long.', '512');
    expect((await post(ws, invocations('databricks-gte-large-en'), { input: ['short', text] })).status).toBe(
      200,
    );
  });

  it('caps the number of embeddings inputs per request', async () => {
    const res = await post(ws, invocations(BGE), { input: Array.from({ length: 151 }, () => 'x') });
    await expectError(res, 400, 'INVALID_PARAMETER_VALUE', '150');
  });
});
