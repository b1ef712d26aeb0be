import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../electron/demo-workspace/rate-limiter';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { ask, BGE, DBRX, get, invocations, json, LLAMA_70B, post, startFast } from './helpers';

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
beforeEach(async () => {
  await post(ws, '/__demo/reset', {});
  ws.configure({ ttftMs: 0, tokensPerSec: 1_000_000 });
});
afterAll(() => ws.close());

async function expect429(res: Response, message: string): Promise<void> {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(await json(res)).toEqual({ error_code: 'REQUEST_LIMIT_EXCEEDED', message });
}

describe('rate limits', () => {
  it('never trips with the defaults', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => post(ws, invocations(LLAMA_70B), ask('hi', { max_tokens: 5000 }))),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(200));
  });

  it('limits queries per second per endpoint', async () => {
    ws.configure({ rateLimits: { [DBRX]: { queriesPerSecond: 2 } } });
    expect((await post(ws, invocations(DBRX), ask('a'))).status).toBe(200);
    expect((await post(ws, invocations(DBRX), ask('b'))).status).toBe(200);
    await expect429(
      await post(ws, invocations(DBRX), ask('c')),
      `Exceeded workspace QPS rate limit for ${DBRX}`,
    );
    // Other endpoints are not affected.
    expect((await post(ws, invocations(LLAMA_70B), ask('d'))).status).toBe(200);
  });

  it('limits queries per minute', async () => {
    ws.configure({ rateLimits: { '*': { queriesPerMinute: 1 } } });
    expect((await post(ws, invocations(BGE), { input: 'x' })).status).toBe(200);
    const res = await post(ws, invocations(BGE), { input: 'x' });
    expect(res.status).toBe(429);
    expect((await json(res)).message).toContain('queries per minute');
  });

  it('limits input tokens per minute', async () => {
    ws.configure({ rateLimits: { [LLAMA_70B]: { inputTokensPerMinute: 50 } } });
    const res = await post(ws, invocations(LLAMA_70B), ask('word '.repeat(60)));
    await expect429(res, `Exceeded workspace input tokens per minute rate limit for ${LLAMA_70B}`);
    expect(res.headers.get('retry-after')).toBe('60');
  });

  it('reserves max_tokens against the output tokens per minute', async () => {
    ws.configure({ rateLimits: { [LLAMA_70B]: { outputTokensPerMinute: 1000 } } });
    expect((await post(ws, invocations(LLAMA_70B), ask('a', { max_tokens: 600 }))).status).toBe(200);
    // 600 used; a reservation of 600 more does not fit, a small one does.
    await expect429(
      await post(ws, invocations(LLAMA_70B), ask('b', { max_tokens: 600 })),
      `Exceeded workspace output tokens per minute rate limit for ${LLAMA_70B}`,
    );
    expect((await post(ws, invocations(LLAMA_70B), ask('c', { max_tokens: 50 }))).status).toBe(200);
  });

  it('is configurable over HTTP and cleared by reset', async () => {
    const patch = await post(ws, '/__demo/config', { rateLimits: { [DBRX]: { queriesPerSecond: 0 } } });
    expect(patch.status).toBe(200);
    expect((await json(patch)).rateLimits[DBRX]).toEqual({ queriesPerSecond: 0 });
    expect((await post(ws, invocations(DBRX), ask('x'))).status).toBe(429);
    const reset = await post(ws, '/__demo/reset', {});
    expect((await json(reset)).rateLimits).toEqual({});
    expect((await post(ws, invocations(DBRX), ask('x'))).status).toBe(200);
    expect((await json(await get(ws, '/__demo/config'))).faults).toEqual([]);
  });

  it('needs the demo token for the config routes', async () => {
    expect((await post(ws, '/__demo/config', {}, { token: null })).status).toBe(401);
    expect((await post(ws, '/__demo/reset', {}, { token: 'nope' })).status).toBe(403);
  });

  it('refuses an invalid patch over HTTP and in process', async () => {
    const res = await post(ws, '/__demo/config', { rateLimits: { [DBRX]: { qps: 1 } } });
    expect(res.status).toBe(400);
    expect((await json(res)).error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(() => ws.configure({ tokensPerSec: -1 })).toThrow(/tokensPerSec/);
  });
});

describe('RateLimiter', () => {
  const limits = {
    queriesPerSecond: 10,
    queriesPerMinute: 100,
    inputTokensPerMinute: 100,
    outputTokensPerMinute: 100,
  };

  it('computes Retry-After from the sliding window', () => {
    const limiter = new RateLimiter();
    const first = limiter.admit('e', limits, 80, 0, 0);
    expect(first.ok).toBe(true);
    const denied = limiter.admit('e', limits, 30, 0, 20_000);
    expect(denied).toMatchObject({ ok: false, limit: 'input', retryAfterSec: 40 });
    expect(limiter.admit('e', limits, 30, 0, 60_001).ok).toBe(true);
  });

  it('settles the output reservation to the real count', () => {
    const limiter = new RateLimiter();
    const admitted = limiter.admit('e', limits, 1, 90, 0);
    expect(limiter.admit('e', limits, 1, 20, 1).ok).toBe(false);
    if (admitted.ok) limiter.settle(admitted.ticket, 10);
    expect(limiter.admit('e', limits, 1, 20, 2).ok).toBe(true);
  });
});
