import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOKEN, type StudioHost, startHost } from '../../../support/studio-host';
import { answersWithin, Session, treeRssMb } from './host-session';

/*
 * The burst that once froze the host for good (issue: 3,000 concurrent calls with a PAT
 * workspace current opened one keychain connection each until the native select() spun):
 * the real browser-mode host process, a real keychain, a PAT workspace current, then
 * 3,000 concurrent calls, 200 concurrent streams and a 64 MB frame on one session. Every call
 * is answered (ok or BUSY), the host answers a fresh session within 5 s, and its memory stays
 * bounded. Timing targets belong in the benchmark; the 5 s here is a liveness bound.
 */

const CALLS = 3_000;
const STREAMS = 200;
const FRAME_BYTES = 64 * 1024 * 1024;

let host: StudioHost;
let stop: () => Promise<void>;
/** The host's memory before the burst (MB), once a PAT workspace is current. */
let baseline: number | null = null;

const streamId = (n: number) => `b0b0b0b0-0000-4000-8000-${String(n).padStart(12, '0')}`;

beforeAll(async () => {
  ({ host, stop } = await startHost({ SERVING_STUDIO_NO_BROWSER: '1' }));
  // A PAT workspace current: every workspace call reads the token through the keychain.
  const setup = await Session.open(host);
  const demo = await setup.call('workspaces:use-demo');
  expect(demo).toMatchObject({ ok: true });
  const connected = await setup.call('workspaces:connect', {
    name: 'Burst',
    host: await host.demoUrl(),
    token: DEMO_TOKEN,
  });
  expect(connected).toMatchObject({ ok: true });
  setup.close();
  baseline = treeRssMb(host.pid);
}, 60_000);

afterAll(async () => {
  await stop?.();
});

describe('a burst on one session', { timeout: 60_000 }, () => {
  it(`answers ${CALLS} concurrent calls (ok or BUSY) and keeps answering`, async () => {
    const session = await Session.open(host);
    const answers = await Promise.all(Array.from({ length: CALLS }, () => session.call('endpoints:list')));
    const codes = new Set(answers.map((a) => (a.ok ? 'ok' : a.error?.code)));
    expect([...codes].sort()).toEqual(['BUSY', 'ok']);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(64);
    const busy = answers.find((a) => !a.ok);
    expect(busy?.error?.message).toMatch(/more than 64/);
    // The same session is served again once the burst has drained.
    expect(await answersWithin(session.call('endpoints:list'), 5_000)).toMatchObject({ ok: true });
    session.close();
  });

  it(`takes at most 16 of ${STREAMS} concurrent streams and refuses the rest as BUSY`, async () => {
    const session = await Session.open(host);
    const answers = await Promise.all(
      Array.from({ length: STREAMS }, (_, n) =>
        session.call('chat:start', {
          streamId: streamId(n),
          endpoint: 'databricks-meta-llama-3-3-70b-instruct',
          messages: [{ role: 'user', content: 'Write a long story about a lighthouse.' }],
          params: { max_tokens: 2000 },
        }),
      ),
    );
    const started = answers.filter((a) => a.ok).length;
    expect(started).toBeGreaterThan(0);
    expect(started).toBeLessThanOrEqual(16);
    const refused = answers.filter((a) => !a.ok);
    expect(refused.every((a) => a.error?.code === 'BUSY')).toBe(true);
    // The router's cap (64 calls in flight) or the registry's (16 streams), whichever came first.
    expect(refused.some((a) => /16 answers are already streaming/.test(a.error?.message ?? ''))).toBe(true);
    // Closing the session aborts its streams; a new session is answered at once.
    session.close();
    const fresh = await Session.open(host);
    expect(await answersWithin(fresh.call('workspaces:list'), 5_000)).toMatchObject({ ok: true });
    fresh.close();
  });

  it('refuses a 64 MB frame with memory bounded and answers the next session', async () => {
    const before = treeRssMb(host.pid);
    const session = await Session.open(host);
    const padding = 'A'.repeat(FRAME_BYTES);
    session.socket.send(
      `{"kind":"call","id":1,"channel":"completion:start","payload":{"prompt":"${padding}"}}`,
      () => undefined,
    );
    // 1009: "message too big"; the host reads no further than the frame's header.
    expect(await session.closed).toBe(1009);
    const after = treeRssMb(host.pid);
    if (before !== null && after !== null) expect(after - before).toBeLessThan(100);
    // The whole burst (3,000 calls, 200 streams, this frame) leaves the host's memory bounded too.
    if (baseline !== null && after !== null) expect(after - baseline).toBeLessThan(200);
    const fresh = await Session.open(host);
    expect(await answersWithin(fresh.call('workspaces:list'), 5_000)).toMatchObject({ ok: true });
    fresh.close();
  });
});
