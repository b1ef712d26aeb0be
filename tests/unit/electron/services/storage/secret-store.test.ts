import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  createKeychainSecretStore,
  KEYCHAIN_UNAVAILABLE_MESSAGE,
} from '../../../../../electron/services/storage/secret-store';

/*
 * The real-keychain tests need a reachable OS keychain. On a headless Linux box run them as
 *   dbus-run-session -- sh -c 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run …'
 * Without one they are skipped, and the skip names the reason.
 */

const SERVICE = `serving-studio-test-${randomUUID()}`;
const SOURCE = fileURLToPath(
  new URL('../../../../../electron/services/storage/secret-store.ts', import.meta.url),
);
const run = promisify(execFile);

const quiet = vi.spyOn(console, 'warn').mockImplementation(() => {});
/** Whether a real keychain answers. A store that can't even be made counts as none: the tests
 * with a keychain double below then say what broke, instead of the whole file failing to load. */
const keychainReachable = await (async () => {
  try {
    return await createKeychainSecretStore({ service: SERVICE, timeoutMs: 10_000 }).isAvailable();
  } catch {
    return false;
  }
})();
quiet.mockRestore();

describe.skipIf(!keychainReachable)(
  'keychain secret store (real OS keychain — skipped: no Secret Service/keychain reachable; see the note at the top of this file)',
  () => {
    const store = createKeychainSecretStore({ service: SERVICE });
    const accounts = ['p1', 'p2', 'p3'];
    afterAll(async () => {
      for (const account of accounts) await store.remove(account);
    });

    it('round-trips a secret per profile', async () => {
      expect(await store.isAvailable()).toBe(true);
      expect(await store.get('p1')).toBeNull();
      expect(await store.has('p1')).toBe(false);
      await store.set('p1', 'dapi-first');
      await store.set('p2', 'dapi-second ünïcödé');
      expect(await store.get('p1')).toBe('dapi-first');
      expect(await store.get('p2')).toBe('dapi-second ünïcödé');
      expect(await store.has('p1')).toBe(true);
    });

    it('overwrites and removes; removing twice is fine', async () => {
      await store.set('p3', 'old');
      await store.set('p3', 'new');
      expect(await store.get('p3')).toBe('new');
      await store.remove('p3');
      await store.remove('p3');
      expect(await store.get('p3')).toBeNull();
      expect(await store.has('p3')).toBe(false);
    });

    it('keeps services apart', async () => {
      await store.set('p1', 'mine');
      const other = createKeychainSecretStore({ service: `${SERVICE}-other` });
      expect(await other.get('p1')).toBeNull();
    });

    it('finds the keychain when several stores probe at the same moment', async () => {
      // Two app processes starting together probed one shared account and read each other's
      // value, so one of them concluded there was no keychain.
      const stores = Array.from({ length: 4 }, () => createKeychainSecretStore({ service: SERVICE }));
      expect(await Promise.all(stores.map((s) => s.isAvailable()))).toEqual([true, true, true, true]);
    });

    it('refuses an empty account name', async () => {
      await expect(store.set('', 'x')).rejects.toMatchObject({ error: { code: 'INVALID_INPUT' } });
    });
  },
);

describe.skipIf(process.platform !== 'linux')(
  'keychain secret store without a Secret Service (Linux)',
  () => {
    it('reports unavailability clearly and never falls back to plaintext', async () => {
      const script = `
      const { createKeychainSecretStore } = await import(${JSON.stringify(SOURCE)});
      const store = createKeychainSecretStore({ service: ${JSON.stringify(SERVICE)}, timeoutMs: 5000 });
      const available = await store.isAvailable();
      const errors = [];
      for (const op of [() => store.set('p1', 'dapi-x'), () => store.get('p1')]) {
        try { await op(); errors.push(null); } catch (e) { errors.push(e.error ?? String(e)); }
      }
      await store.remove('p1');
      console.log(JSON.stringify({ available, errors, has: await store.has('p1') }));
    `;
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/serving-studio-test-bus' },
          timeout: 15_000,
        },
      );
      const result = JSON.parse(stdout.trim().split('\n').pop()!);
      expect(result.available).toBe(false);
      expect(result.has).toBe(false);
      for (const error of result.errors) {
        expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
        expect(error.message).toBe(KEYCHAIN_UNAVAILABLE_MESSAGE);
      }
      expect(KEYCHAIN_UNAVAILABLE_MESSAGE).toMatch(/Secret Service/);
      expect(KEYCHAIN_UNAVAILABLE_MESSAGE).toMatch(/gnome-keyring or KWallet/);
      expect(KEYCHAIN_UNAVAILABLE_MESSAGE).toMatch(/never stores tokens in plaintext/);
      expect(KEYCHAIN_UNAVAILABLE_MESSAGE).toMatch(/then try again/);
    });
  },
);

describe('keychain secret store with a misbehaving keychain (module double)', () => {
  afterEach(() => {
    vi.doUnmock('@napi-rs/keyring');
    vi.resetModules();
    vi.restoreAllMocks();
  });

  /** Loads secret-store.ts against a fake `AsyncEntry` class. */
  async function withFakeKeyring(entry: Record<string, (...args: never[]) => Promise<unknown>>) {
    vi.resetModules();
    vi.doMock('@napi-rs/keyring', () => ({
      AsyncEntry: class {
        setPassword = entry.setPassword;
        getPassword = entry.getPassword;
        deletePassword = entry.deletePassword;
      },
    }));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    return (await import('../../../../../electron/services/storage/secret-store')).createKeychainSecretStore;
  }

  const never = (_value?: unknown, signal?: AbortSignal): Promise<never> =>
    new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));

  it('treats a keychain that never answers as unavailable (with a timeout, no hang)', async () => {
    const create = await withFakeKeyring({
      setPassword: (_v: unknown, s: AbortSignal) => never(_v, s),
      getPassword: (s: AbortSignal) => never(undefined, s),
      deletePassword: (s: AbortSignal) => never(undefined, s),
    } as never);
    const store = create({ timeoutMs: 50 });
    expect(await store.isAvailable()).toBe(false);
    await expect(store.get('p1')).rejects.toMatchObject({ error: { code: 'KEYCHAIN_UNAVAILABLE' } });
  });

  it('probes once and caches the answer', async () => {
    const values = new Map<string, string>();
    const setPassword = vi.fn(async (v: string) => void values.set('probe', v));
    const create = await withFakeKeyring({
      setPassword,
      getPassword: async () => values.get('probe') ?? null,
      deletePassword: async () => true,
    } as never);
    const store = create();
    await Promise.all([store.isAvailable(), store.isAvailable()]);
    expect(await store.isAvailable()).toBe(true);
    expect(setPassword).toHaveBeenCalledTimes(1);
  });

  it('opens every entry pinned to the Secret Service, never the memory-only kernel keyring', async () => {
    const made: unknown[][] = [];
    vi.resetModules();
    vi.doMock('@napi-rs/keyring', () => ({
      AsyncEntry: class {
        constructor(...args: unknown[]) {
          made.push(args);
        }
        setPassword = async () => {};
        getPassword = async () => null;
        deletePassword = async () => true;
      },
    }));
    const { createKeychainSecretStore: create } = await import(
      '../../../../../electron/services/storage/secret-store'
    );
    const store = create({ service: 'svc' });
    await store.isAvailable();
    await store.remove('p1').catch(() => undefined);
    expect(made.length).toBeGreaterThan(0);
    for (const [service, , options] of made) {
      expect(service).toBe('svc');
      expect(options).toEqual({ linux: { store: 'secret-service' } });
    }
  });

  it('asks again after a "no", so a keychain unlocked later is found without a restart', async () => {
    let running = false;
    let stored: string | null = null;
    const setPassword = vi.fn(async (v: string) => {
      if (!running) throw new Error('org.freedesktop.DBus.Error.ServiceUnknown');
      stored = v;
    });
    const create = await withFakeKeyring({
      setPassword,
      getPassword: async () => stored,
      deletePassword: async () => true,
    } as never);
    let clock = 0;
    const store = create({ retryUnavailableMs: 30_000, now: () => clock });
    expect(await store.isAvailable()).toBe(false);
    running = true;
    clock = 29_999;
    expect(await store.isAvailable()).toBe(false);
    expect(setPassword).toHaveBeenCalledTimes(1);
    clock = 30_000;
    expect(await store.isAvailable()).toBe(true);
    expect(setPassword).toHaveBeenCalledTimes(2);
    // A yes is kept: no more probes.
    clock = 1_000_000;
    expect(await store.isAvailable()).toBe(true);
    expect(setPassword).toHaveBeenCalledTimes(2);
  });

  it('maps a failure after a good probe to KEYCHAIN_UNAVAILABLE with the reason', async () => {
    let locked = false;
    let stored: string | null = null;
    const create = await withFakeKeyring({
      setPassword: async (v: string) => {
        if (locked) throw new Error('Secret Service: unlock prompt was dismissed');
        stored = v;
      },
      getPassword: async () => stored,
      deletePassword: async () => true,
    } as never);
    const store = create();
    expect(await store.isAvailable()).toBe(true);
    locked = true;
    await expect(store.set('p1', 'dapi-x')).rejects.toMatchObject({
      error: { code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringMatching(/unlock prompt was dismissed/) },
    });
  });

  /** A fake keychain that counts calls and how many run at once. */
  function countingKeyring(delayMs = 1) {
    const values = new Map<string, string>();
    const stats = { gets: 0, running: 0, maxRunning: 0 };
    const track = async <T>(fn: () => T): Promise<T> => {
      stats.running++;
      stats.maxRunning = Math.max(stats.maxRunning, stats.running);
      await new Promise((r) => setTimeout(r, delayMs));
      stats.running--;
      return fn();
    };
    vi.resetModules();
    vi.doMock('@napi-rs/keyring', () => ({
      AsyncEntry: class {
        constructor(
          _service: string,
          private readonly account: string,
        ) {}
        setPassword = (v: string) => track(() => void values.set(this.account, v));
        getPassword = () => {
          stats.gets++;
          return track(() => values.get(this.account) ?? null);
        };
        deletePassword = () => track(() => values.delete(this.account));
      },
    }));
    return { values, stats };
  }

  it('answers a burst of reads with one keychain call, a few calls at a time at most', async () => {
    const { values, stats } = countingKeyring();
    values.set('p1', 'dapi-1');
    const { createKeychainSecretStore: create } = await import(
      '../../../../../electron/services/storage/secret-store'
    );
    const store = create({ maxConcurrent: 4 });
    const answers = await Promise.all(Array.from({ length: 3000 }, () => store.get('p1')));
    expect(new Set(answers)).toEqual(new Set(['dapi-1']));
    // The probe reads once, the profile once.
    expect(stats.gets).toBe(2);
    const many = await Promise.all(Array.from({ length: 40 }, (_, i) => store.has(`q${i}`)));
    expect(many.every((has) => has === false)).toBe(true);
    expect(stats.maxRunning).toBeLessThanOrEqual(4);
  });

  it('keeps what it wrote, forgets on request, and reads again after a failed read', async () => {
    const { values, stats } = countingKeyring();
    const { createKeychainSecretStore: create } = await import(
      '../../../../../electron/services/storage/secret-store'
    );
    const store = create();
    await store.set('p1', 'dapi-new');
    const before = stats.gets;
    expect(await store.get('p1')).toBe('dapi-new');
    expect(stats.gets).toBe(before);
    values.set('p1', 'dapi-changed-elsewhere');
    store.forget?.('p1');
    expect(await store.get('p1')).toBe('dapi-changed-elsewhere');
    await store.remove('p1');
    expect(await store.get('p1')).toBeNull();
  });

  it('answers "did not answer" when a native call ignores its abort signal, and frees its slot', async () => {
    const values = new Map<string, string>([['p2', 'dapi-2']]);
    vi.resetModules();
    vi.doMock('@napi-rs/keyring', () => ({
      AsyncEntry: class {
        constructor(
          _service: string,
          private readonly account: string,
        ) {}
        setPassword = async (v: string) => void values.set(this.account, v);
        // p1's read never returns, whatever the signal says.
        getPassword = () =>
          this.account === 'p1'
            ? new Promise<never>(() => {})
            : Promise.resolve(values.get(this.account) ?? null);
        deletePassword = async () => values.delete(this.account);
      },
    }));
    const { createKeychainSecretStore: create } = await import(
      '../../../../../electron/services/storage/secret-store'
    );
    const store = create({ timeoutMs: 30, maxConcurrent: 1 });
    await expect(store.get('p1')).rejects.toMatchObject({
      error: { code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringMatching(/did not answer within/) },
    });
    expect(await store.get('p2')).toBe('dapi-2');
  });
});

describe('keychain secret store: each promise on its own (module double)', () => {
  afterEach(() => {
    vi.doUnmock('@napi-rs/keyring');
    vi.resetModules();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  type Behaviour = {
    set?: (account: string, value: string) => Promise<void>;
    get?: (account: string) => Promise<string | null>;
    remove?: (account: string) => Promise<boolean>;
  };

  /** A keychain double in memory; `behaviour` overrides one call; records every entry made. */
  async function keyring(behaviour: Behaviour = {}) {
    const values = new Map<string, string>();
    const entries: { service: string; account: string }[] = [];
    const calls: string[] = [];
    vi.resetModules();
    vi.doMock('@napi-rs/keyring', () => ({
      AsyncEntry: class {
        constructor(
          private readonly service: string,
          private readonly account: string,
        ) {
          entries.push({ service, account });
        }
        setPassword = (v: string) => {
          calls.push(`set ${this.account}`);
          if (behaviour.set) return behaviour.set(this.account, v);
          values.set(this.account, v);
          return Promise.resolve();
        };
        getPassword = () => {
          calls.push(`get ${this.account}`);
          return behaviour.get
            ? behaviour.get(this.account)
            : Promise.resolve(values.get(this.account) ?? null);
        };
        deletePassword = () => {
          calls.push(`delete ${this.account}`);
          return behaviour.remove
            ? behaviour.remove(this.account)
            : Promise.resolve(values.delete(this.account));
        };
      },
    }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { createKeychainSecretStore: create } = await import(
      '../../../../../electron/services/storage/secret-store'
    );
    return { create, values, entries, calls, warn };
  }

  const profileCalls = (calls: string[]) => calls.filter((c) => !c.includes('__serving-studio-probe__'));

  it("files every account under the 'serving-studio' service unless told otherwise", async () => {
    const { create, entries } = await keyring();
    await create().set('p1', 'dapi-1');
    expect(new Set(entries.map((e) => e.service))).toEqual(new Set(['serving-studio']));
    expect(entries.map((e) => e.account)).toContain('p1');
  });

  it('probes with a fresh account each time, and removes what it wrote', async () => {
    const { create, values, entries } = await keyring();
    await create().isAvailable();
    await create().isAvailable();
    const probes = entries.filter((e) => e.account.startsWith('__serving-studio-probe__'));
    expect(probes).toHaveLength(2);
    expect(probes[0]?.account).not.toBe(probes[1]?.account);
    expect(values.size).toBe(0);
  });

  it('finds no keychain when the probe reads back another value', async () => {
    const { create } = await keyring({ get: async () => 'something else' });
    expect(await create().isAvailable()).toBe(false);
  });

  it.each([
    ['an empty id', ''],
    ['the probe account', '__serving-studio-probe__'],
    ['an id that starts like the probe account', '__serving-studio-probe__1234'],
  ])('refuses %s for every operation, before any keychain call', async (_why, id) => {
    const { create, calls } = await keyring();
    const store = create();
    for (const operation of [
      () => store.set(id, 'x'),
      () => store.get(id),
      () => store.remove(id),
      () => store.has(id),
    ]) {
      await expect(operation()).rejects.toMatchObject({
        error: { code: 'INVALID_INPUT', message: 'A workspace profile id is required.' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('with no keychain: set and get refuse with the plain message, has is false, remove does nothing', async () => {
    const { create, calls } = await keyring({
      set: async () => {
        throw new Error('no Secret Service');
      },
    });
    const store = create();
    for (const operation of [() => store.set('p1', 'x'), () => store.get('p1')]) {
      await expect(operation()).rejects.toMatchObject({
        error: { code: 'KEYCHAIN_UNAVAILABLE', message: KEYCHAIN_UNAVAILABLE_MESSAGE },
      });
    }
    expect(await store.has('p1')).toBe(false);
    await expect(store.remove('p1')).resolves.toBeUndefined();
    expect(profileCalls(calls)).toEqual([]);
  });

  it('logs why the keychain is unavailable, the reason on one line and at most 200 characters', async () => {
    const { create, warn } = await keyring({
      set: async () => {
        throw new Error(`line one\n\n   line two ${'x'.repeat(300)}`);
      },
    });
    expect(await create().isAvailable()).toBe(false);
    const logged = String(warn.mock.calls[0]?.[0]);
    expect(logged.startsWith('[secret-store] keychain unavailable: line one line two xxx')).toBe(true);
    expect(logged.length).toBe('[secret-store] keychain unavailable: '.length + 200);
  });

  it.each([
    ['an AbortError', Object.assign(new Error('aborted'), { name: 'AbortError' })],
    ['a TimeoutError', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ])('says an unlock prompt may be waiting when the keychain call ends in %s', async (_why, error) => {
    let fail = false;
    // The probe must succeed (it reads its own value back); then the profile's read fails.
    const values = new Map<string, string>();
    const { create: createOk } = await keyring({
      set: async (account, v) => void values.set(account, v),
      get: async (account) => {
        if (fail && !account.startsWith('__')) throw error;
        return values.get(account) ?? null;
      },
    });
    const store = createOk();
    expect(await store.isAvailable()).toBe(true);
    fail = true;
    await expect(store.get('p1')).rejects.toMatchObject({
      error: {
        code: 'KEYCHAIN_UNAVAILABLE',
        message: `${KEYCHAIN_UNAVAILABLE_MESSAGE} (the keychain did not answer in time (is an unlock prompt waiting?))`,
      },
    });
  });

  it('passes a non-Error rejection on as text', async () => {
    const values = new Map<string, string>();
    let fail = false;
    const { create } = await keyring({
      set: async (account, v) => {
        if (fail) throw 'locked by policy';
        values.set(account, v);
      },
      get: async (account) => values.get(account) ?? null,
    });
    const store = create();
    expect(await store.isAvailable()).toBe(true);
    fail = true;
    await expect(store.set('p1', 'x')).rejects.toMatchObject({
      error: { message: `${KEYCHAIN_UNAVAILABLE_MESSAGE} (locked by policy)` },
    });
  });

  it('gives up on a silent keychain after 30 s by default, saying how long it waited', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const values = new Map<string, string>();
    const { create } = await keyring({
      set: async (account, v) => void values.set(account, v),
      get: (account) =>
        account.startsWith('__') ? Promise.resolve(values.get(account) ?? null) : new Promise(() => {}),
    });
    const store = create();
    expect(await store.isAvailable()).toBe(true);
    let outcome: unknown = 'pending';
    store.get('p1').then(
      (v) => (outcome = v),
      (e) => (outcome = e),
    );
    await vi.advanceTimersByTimeAsync(29_999);
    expect(outcome).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toMatchObject({
      error: {
        code: 'KEYCHAIN_UNAVAILABLE',
        message: `${KEYCHAIN_UNAVAILABLE_MESSAGE} (the keychain did not answer within 30 s (is an unlock prompt waiting?))`,
      },
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears its timer when the keychain answers in time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { create } = await keyring();
    const store = create();
    await store.set('p1', 'dapi-1');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('probes again 30 s after a "no" by default, not before', async () => {
    let up = false;
    const values = new Map<string, string>();
    const { create, calls } = await keyring({
      set: async (account, v) => {
        if (!up) throw new Error('down');
        values.set(account, v);
      },
      get: async (account) => values.get(account) ?? null,
    });
    let clock = 1_000;
    const store = create({ now: () => clock });
    expect(await store.isAvailable()).toBe(false);
    up = true;
    clock += 29_999;
    expect(await store.isAvailable()).toBe(false);
    clock += 1;
    expect(await store.isAvailable()).toBe(true);
    expect(calls.filter((c) => c.startsWith('set'))).toHaveLength(2);
  });

  it('probes again 30 s after a "no" on its own monotonic clock when none is given', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    let up = false;
    const values = new Map<string, string>();
    const { create } = await keyring({
      set: async (account, v) => {
        if (!up) throw new Error('down');
        values.set(account, v);
      },
      get: async (account) => values.get(account) ?? null,
    });
    const store = create();
    expect(await store.isAvailable()).toBe(false);
    up = true;
    vi.advanceTimersByTime(29_999);
    expect(await store.isAvailable()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await store.isAvailable()).toBe(true);
  });

  it('keeps a secret set while an older read was failing', async () => {
    const values = new Map<string, string>();
    const firstRead: { fail?: (err: Error) => void } = {};
    const { create } = await keyring({
      set: async (account, v) => void values.set(account, v),
      // p1's reads never answer on their own: the first one fails when the test says so.
      get: (account) =>
        account === 'p1'
          ? new Promise((_resolve, reject) => {
              firstRead.fail ??= reject;
            })
          : Promise.resolve(values.get(account) ?? null),
    });
    const store = create();
    const reading = store.get('p1');
    await vi.waitFor(() => expect(firstRead.fail).toBeDefined());
    await store.set('p1', 'dapi-new');
    firstRead.fail?.(new Error('busy'));
    await expect(reading).rejects.toMatchObject({ error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    // The failed read must not drop what set() wrote since.
    values.clear();
    expect(await store.get('p1')).toBe('dapi-new');
  });

  it('shares one probe between calls made while it runs', async () => {
    const { create, calls } = await keyring();
    const store = create();
    const answers = await Promise.all([store.isAvailable(), store.has('p1'), store.get('p1')]);
    expect(answers).toEqual([true, false, null]);
    expect(calls.filter((c) => c.startsWith('set'))).toHaveLength(1);
  });

  it('runs 4 keychain calls at a time by default, in the order they came', async () => {
    const started: string[] = [];
    const release: (() => void)[] = [];
    const values = new Map<string, string>();
    const { create } = await keyring({
      set: async (account, v) => void values.set(account, v),
      get: (account) => {
        if (account.startsWith('__')) return Promise.resolve(values.get(account) ?? null);
        started.push(account);
        return new Promise((resolve) => release.push(() => resolve(`secret-${account}`)));
      },
    });
    const store = create();
    expect(await store.isAvailable()).toBe(true);
    const reads = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => store.get(id));
    await vi.waitFor(() => expect(started).toEqual(['a', 'b', 'c', 'd']));
    release.shift()?.();
    await vi.waitFor(() => expect(started).toEqual(['a', 'b', 'c', 'd', 'e']));
    while (started.length < 6 || release.length > 0) {
      release.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(reads)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => `secret-${id}`));
  });

  it('reads the keychain again after a failed read, and after forget', async () => {
    let failing = true;
    const values = new Map<string, string>([['p1', 'dapi-1']]);
    const { create, calls } = await keyring({
      set: async (account, v) => void values.set(account, v),
      get: async (account) => {
        if (failing && account === 'p1') throw new Error('busy');
        return values.get(account) ?? null;
      },
    });
    const store = create();
    await expect(store.get('p1')).rejects.toMatchObject({ error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    failing = false;
    expect(await store.get('p1')).toBe('dapi-1');
    expect(await store.get('p1')).toBe('dapi-1');
    expect(profileCalls(calls)).toEqual(['get p1', 'get p1']);
    store.forget?.('p1');
    expect(await store.get('p1')).toBe('dapi-1');
    expect(profileCalls(calls)).toEqual(['get p1', 'get p1', 'get p1']);
  });

  it('answers has() from what it knows: true after set, false after remove', async () => {
    const { create, calls } = await keyring();
    const store = create();
    await store.set('p1', 'dapi-1');
    expect(await store.has('p1')).toBe(true);
    await store.remove('p1');
    expect(await store.has('p1')).toBe(false);
    expect(profileCalls(calls)).toEqual(['set p1', 'delete p1', 'get p1']);
  });

  it('does not keep a secret whose write failed', async () => {
    const values = new Map<string, string>([['p1', 'old']]);
    let failing = false;
    const { create } = await keyring({
      set: async (account, v) => {
        if (failing) throw new Error('write refused');
        values.set(account, v);
      },
      get: async (account) => values.get(account) ?? null,
    });
    const store = create();
    expect(await store.get('p1')).toBe('old');
    failing = true;
    await expect(store.set('p1', 'new')).rejects.toMatchObject({ error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(await store.get('p1')).toBe('old');
  });
});
