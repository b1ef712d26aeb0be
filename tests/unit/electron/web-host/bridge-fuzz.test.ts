import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../../../shared/contract';
import { ERROR_CODES } from '../../../../shared/errors';
import { type StudioHost, startHost } from '../../../support/studio-host';
import { type Answer, answersWithin, Session } from './host-session';

/*
 * The bridge under fuzz: the real browser-mode host, thousands of call frames with random
 * channels and payloads (random JSON, and valid payloads with one field broken), then
 * malformed frames of every kind. Every call frame gets exactly one answer with a known error
 * code and no internals in its words; every malformed frame ends its session with 1008; the
 * host stays up, keeps its state, and still streams an answer afterwards. Seeded, so a failure
 * replays.
 */

const SEED = 0x5eed_2026;
const CALL_FRAMES = 2_000;
const MALFORMED_FRAMES = 300;

/** mulberry32: a small seeded generator, so every run sends the same frames. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const rand = random(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const int = (max: number) => Math.floor(rand() * max);

const NASTY_STRINGS = [
  '',
  ' ',
  '..',
  '../../etc/passwd',
  '%2e%2e',
  '__proto__',
  'constructor',
  'prototype',
  '\u0000',
  '\ud800',
  '<script>alert(1)</script>',
  'a'.repeat(5_000),
  'databricks-meta-llama-3-1-70b-instruct',
  'http://169.254.169.254/latest/meta-data',
  'file:///etc/passwd',
  `$${'{process.env}'}`,
  '{{constructor.constructor("x")()}}',
  '🙂',
];

/** A random JSON value, nested up to `depth`. */
function jsonValue(depth = 3): unknown {
  switch (int(depth > 0 ? 9 : 6)) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 4_294_967_296]);
    case 3:
    case 4:
      return pick(NASTY_STRINGS);
    case 5:
      return int(1_000);
    case 6:
      return Array.from({ length: int(5) }, () => jsonValue(depth - 1));
    default: {
      const out: Record<string, unknown> = {};
      // defineProperty, so "__proto__" is an own key that JSON carries (a pollution attempt).
      for (let i = int(5); i > 0; i--)
        Object.defineProperty(
          out,
          pick(['name', 'endpoint', 'messages', 'params', 'id', 'streamId', 'host', '__proto__', 'x']),
          {
            value: jsonValue(depth - 1),
            enumerable: true,
            configurable: true,
            writable: true,
          },
        );
      return out;
    }
  }
}

/** Valid payloads per channel (harmless ones: no network beyond the demo, no browser). */
const STREAM = () => `f0f0f0f0-0000-4000-8000-${String(int(1e12)).padStart(12, '0')}`;
const VALID: Record<string, () => Record<string, unknown>> = {
  'endpoints:get': () => ({ name: 'databricks-meta-llama-3-1-70b-instruct' }),
  'endpoints:get-details': () => ({ name: 'databricks-meta-llama-3-1-70b-instruct' }),
  'endpoints:get-optimization-info': () => ({ entityName: 'system.ai.llama', entityVersion: '1' }),
  'chat:start': () => ({
    streamId: STREAM(),
    endpoint: 'databricks-meta-llama-3-1-70b-instruct',
    messages: [{ role: 'user', content: 'Hi' }],
    params: { max_tokens: 5 },
  }),
  'completion:start': () => ({
    streamId: STREAM(),
    endpoint: 'databricks-meta-llama-3-1-70b-instruct',
    prompt: 'Once',
    params: { max_tokens: 5 },
  }),
  'embeddings:create': () => ({ endpoint: 'databricks-bge-large-en', input: ['a', 'b'] }),
  'stream:cancel': () => ({ streamId: STREAM() }),
  'secrets:status': () => ({ profileId: 'demo' }),
};

/** A valid payload with one field replaced by random JSON, or removed. */
function brokenValid(channel: string): unknown {
  const payload = VALID[channel]?.() ?? {};
  const keys = Object.keys(payload);
  const key = pick(keys);
  if (rand() < 0.3) delete payload[key];
  else payload[key] = jsonValue();
  return payload;
}

const CHANNELS = Object.values(CONTRACT).map((spec) => spec.channel);
/** Channels whose random payloads could open a browser or call arbitrary hosts if they passed. */
const OUTWARD = new Set([
  'workspaces:connect',
  'workspaces:connect-sp',
  'workspaces:connect-openai',
  'workspaces:oauth-start',
]);

function randomCall(): { channel: string; payload: unknown } {
  const roll = rand();
  // Unknown channels (a name over 100 characters is a malformed frame, tested below).
  if (roll < 0.1)
    return { channel: pick(NASTY_STRINGS.filter((c) => c.length <= 100)), payload: jsonValue() };
  if (roll < 0.5) {
    const channel = pick(Object.keys(VALID));
    return { channel, payload: brokenValid(channel) };
  }
  const channel = pick(CHANNELS);
  // Outward channels only get payloads their schemas refuse (a number is never an object).
  return { channel, payload: OUTWARD.has(channel) ? int(100) : jsonValue() };
}

/** Frames that are not a call: each must end its session with 1008 and nothing else. */
function malformedFrame(): string | Buffer {
  switch (int(8)) {
    case 0:
      return Buffer.from(Array.from({ length: 1 + int(64) }, () => int(256)));
    case 1:
      return '{"kind":"call","id":1,"channel":"workspaces:list"'.slice(0, 1 + int(45));
    case 2:
      return JSON.stringify([{ kind: 'call', id: 1, channel: 'workspaces:list' }]);
    case 3:
      return JSON.stringify({ kind: 'call', channel: 'workspaces:list' });
    case 4:
      return JSON.stringify({
        kind: 'call',
        id: pick([-1, 1.5, '1', null, 2 ** 64]),
        channel: 'workspaces:list',
      });
    case 5:
      return JSON.stringify({ kind: 'call', id: 1, channel: pick([1, null, {}, 'x'.repeat(101)]) });
    case 6:
      return JSON.stringify({
        kind: pick(['result', 'event', 'CALL', '']),
        id: 1,
        channel: 'workspaces:list',
      });
    default:
      return JSON.stringify(jsonValue(1)) ?? 'undefined';
  }
}

let host: StudioHost;
let stop: () => Promise<void>;
let endpointsBefore: unknown;

beforeAll(async () => {
  ({ host, stop } = await startHost({ SERVING_STUDIO_NO_BROWSER: '1' }));
  const setup = await Session.open(host);
  expect(await setup.call('workspaces:use-demo')).toMatchObject({ ok: true });
  endpointsBefore = (await setup.call('endpoints:list')).value;
  setup.close();
}, 60_000);

afterAll(async () => {
  await stop?.();
});

const KNOWN_CODES = new Set<string>(ERROR_CODES);

describe('the bridge under fuzz', { timeout: 90_000 }, () => {
  it(`answers ${CALL_FRAMES} random call frames once each, in known codes, without internals`, async () => {
    const session = await Session.open(host);
    const answers: Answer[] = [];
    // In waves below the in-flight cap, so every answer is the router's verdict, not BUSY.
    for (let sent = 0; sent < CALL_FRAMES; sent += 50) {
      const wave = Array.from({ length: 50 }, () => {
        const { channel, payload } = randomCall();
        const answer = session.call(channel, payload);
        return answersWithin(answer, 20_000).catch(() => {
          throw new Error(`no answer to ${channel} ${JSON.stringify(payload).slice(0, 300)}`);
        });
      });
      answers.push(...(await Promise.all(wave)));
    }
    expect(answers).toHaveLength(CALL_FRAMES);
    for (const answer of answers) {
      expect(typeof answer.ok).toBe('boolean');
      if (answer.ok) continue;
      expect(KNOWN_CODES.has(answer.error?.code ?? '')).toBe(true);
      expect(answer.error?.message).toEqual(expect.any(String));
      // No stack traces, file paths or prototype names leak into the words a page sees.
      expect(answer.error?.message).not.toMatch(/\n\s+at |\.ts:\d+|node_modules|\[object Object\]/);
    }
    const refused = answers.filter((a) => !a.ok).length;
    expect(refused).toBeGreaterThan(CALL_FRAMES / 2);
    session.close();
  });

  it(`ends the session on each of ${MALFORMED_FRAMES} malformed frames with 1008`, async () => {
    const codes = new Map<number, number>();
    for (let i = 0; i < MALFORMED_FRAMES; i++) {
      const session = await Session.open(host);
      session.socket.send(malformedFrame());
      const code = await session.closed;
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    expect([...codes.keys()]).toEqual([1008]);
  });

  it('is still up, in the same state, and streams an answer', async () => {
    const session = await Session.open(host);
    expect(await answersWithin(session.call('workspaces:list'), 5_000)).toMatchObject({
      ok: true,
      value: { currentId: expect.any(String) },
    });
    expect((await session.call('endpoints:list')).value).toEqual(endpointsBefore);
    // Nothing the fuzz sent reached Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const streamId = 'f0f0f0f0-0000-4000-8000-000000000001';
    const started = await session.call('chat:start', {
      streamId,
      endpoint: 'databricks-meta-llama-3-1-70b-instruct',
      messages: [{ role: 'user', content: 'Say hello.' }],
      params: { max_tokens: 8 },
    });
    expect(started).toEqual({ ok: true, value: { streamId } });
    await expect
      .poll(() => session.events.find((e) => e.streamId === streamId && e.type === 'done'), {
        timeout: 20_000,
      })
      .toBeTruthy();
    session.close();
  });
});
