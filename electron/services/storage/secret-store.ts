import { randomUUID } from 'node:crypto';
import type { AsyncEntry, EntryOptions } from '@napi-rs/keyring';
import { failure, type StudioFailure } from '../../../shared/errors';
import type { SecretStore } from '../types';

/*
 * Workspace tokens live in the OS keychain (macOS Keychain, Windows Credential Manager,
 * Linux Secret Service), one account per workspace profile id. There is deliberately no
 * plaintext fallback: when no keychain answers, `set`/`get` fail with KEYCHAIN_UNAVAILABLE
 * and the UI offers environment-variable or profile-based auth instead.
 */

export interface KeychainSecretStoreOptions {
  /** The keychain "service" every account is filed under. */
  service?: string;
  /**
   * How long one keychain operation may take, in ms. Generous because a locked keychain may
   * show an unlock prompt that the user has to answer.
   */
  timeoutMs?: number;
  /**
   * How long a "no keychain" answer is kept before the next call probes again, in ms: a user
   * who starts or unlocks the keychain should not have to restart the app.
   */
  retryUnavailableMs?: number;
  /** Monotonic clock for that wait (tests). */
  now?: () => number;
  /** Keychain calls run at most this many at a time; the rest wait their turn. */
  maxConcurrent?: number;
}

/** Shown whenever the keychain can't be used; says what to do instead. */
export const KEYCHAIN_UNAVAILABLE_MESSAGE =
  'The OS keychain is not reachable, so tokens cannot be saved (on Linux this needs a Secret Service ' +
  'such as gnome-keyring or KWallet, running and unlocked). Serving Studio never stores tokens in ' +
  'plaintext: start or unlock your keychain, then try again. The demo workspace works without one.';

const DEFAULT_SERVICE = 'serving-studio';
const DEFAULT_TIMEOUT_MS = 30_000;
/** A "no keychain" answer is kept this long before probing again. */
const DEFAULT_RETRY_UNAVAILABLE_MS = 30_000;
/**
 * Each keychain call opens its own D-Bus connection: a burst of thousands (3,000 concurrent
 * bridge calls did it) ran the process out of file descriptors and froze it for good. A few at a
 * time is plenty; with the cache below, a burst of reads costs one keychain call anyway.
 */
const DEFAULT_MAX_CONCURRENT = 4;

/**
 * On Linux, pin the Secret Service. The library's default falls back to the kernel keyring
 * (keyutils), which is memory-only and emptied at logout/reboot: a saved workspace would
 * silently lose its token. Saying "unavailable" is more honest. Ignored on other platforms.
 */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

/**
 * The native keychain module is loaded on first use, not at startup: if it can't load (a
 * missing libsecret, a wrong ABI), the keychain is reported unavailable and the rest of the
 * app (the demo workspace, browsing endpoints) still starts.
 */
let keyringModule: Promise<typeof import('@napi-rs/keyring')> | null = null;
const loadKeyring = () => {
  keyringModule ??= import('@napi-rs/keyring');
  return keyringModule;
};

/** The probe's account can't collide with a profile id (UUIDs or `demo`). */
const PROBE_ACCOUNT = '__serving-studio-probe__';

/** A short, secret-free reason from a native keychain error, for the user-facing message. */
function reasonOf(err: unknown): string {
  if (err instanceof KeychainTimeout) return err.message;
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) {
    return 'the keychain did not answer in time (is an unlock prompt waiting?)';
  }
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').slice(0, 200);
}

function unavailable(err?: unknown): StudioFailure {
  const detail = err === undefined ? '' : ` (${reasonOf(err)})`;
  return failure('KEYCHAIN_UNAVAILABLE', `${KEYCHAIN_UNAVAILABLE_MESSAGE}${detail}`);
}

/** A keychain call that outlived its timeout (the native side may ignore the abort signal). */
class KeychainTimeout extends Error {
  constructor(ms: number) {
    super(`the keychain did not answer within ${Math.round(ms / 1000)} s (is an unlock prompt waiting?)`);
  }
}

/** Runs tasks at most `limit` at a time, in the order they came. */
function createQueue(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function queued<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/**
 * `call` with an abort signal that fires after `ms`, and a hard stop at the same time: a call
 * still pending then is answered with a timeout (and its slot in the queue freed), whatever the
 * native side does with the signal.
 */
function withTimeout<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new KeychainTimeout(ms));
    }, ms);
  });
  return Promise.race([call(controller.signal), expired]).finally(() => clearTimeout(timer));
}

/** Profile ids are validated by the router; this guards against an empty account name. */
function checkAccount(profileId: string): void {
  if (profileId.length === 0 || profileId.startsWith(PROBE_ACCOUNT)) {
    throw failure('INVALID_INPUT', 'A workspace profile id is required.');
  }
}

/**
 * Creates the keychain-backed secret store.
 *
 * - `isAvailable()` probes (write, read back, delete a random value); a yes is kept for the
 *   life of the store, a no for `retryUnavailableMs` (then the next call probes again, so a
 *   keychain started or unlocked later is found without a restart). Calls made while a probe
 *   runs share it.
 * - A secret is read from the keychain once per profile, then answered from memory (and
 *   concurrent reads share the one keychain call); `set` and `remove` update that memory, and
 *   `forget` drops it (the server refused the token: read it again next time).
 * - Keychain calls go through one queue, `maxConcurrent` at a time, each with a timeout that
 *   answers "the keychain did not answer" even if the native call never returns.
 * - `set`/`get` throw KEYCHAIN_UNAVAILABLE when no keychain is reachable or it fails.
 * - `has` answers false and `remove` does nothing when unavailable: nothing can be stored
 *   there, so there is nothing to report or delete.
 *
 * Uses the library's async entries so keychain I/O (and any unlock prompt) runs off the
 * main thread. Known limit: constructing an entry connects to D-Bus synchronously, so a bus
 * that accepts connections but never answers would block.
 */
export function createKeychainSecretStore(options: KeychainSecretStoreOptions = {}): SecretStore {
  const service = options.service ?? DEFAULT_SERVICE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retryUnavailableMs = options.retryUnavailableMs ?? DEFAULT_RETRY_UNAVAILABLE_MS;
  const now = options.now ?? (() => performance.now());
  const queued = createQueue(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
  let availability: Promise<boolean> | null = null;
  /** When the last "no" was answered; null while none is cached. */
  let unavailableAt: number | null = null;
  /** Secrets read (or written) so far, per profile; a pending read is shared. */
  const cache = new Map<string, Promise<string | null>>();

  const entry = async (account: string): Promise<AsyncEntry> =>
    new (await loadKeyring()).AsyncEntry(service, account, ENTRY_OPTIONS);

  /** One keychain call, queued, with the timeout. */
  const keychain = <T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> =>
    queued(() => withTimeout(timeoutMs, call));

  async function probe(): Promise<boolean> {
    try {
      // A fresh account per probe: two processes probing at once (two windows, or the app and
      // browser mode) must not read each other's value and conclude there is no keychain.
      const probeEntry = await entry(`${PROBE_ACCOUNT}${randomUUID()}`);
      const value = randomUUID();
      await keychain((signal) => probeEntry.setPassword(value, signal));
      const read = await keychain((signal) => probeEntry.getPassword(signal));
      await keychain((signal) => probeEntry.deletePassword(signal));
      return read === value;
    } catch (err) {
      // Logged for support; the reason never contains a secret (the probe value is random).
      console.warn(`[secret-store] keychain unavailable: ${reasonOf(err)}`);
      return false;
    }
  }

  const isAvailable = (): Promise<boolean> => {
    if (availability && unavailableAt !== null && now() - unavailableAt >= retryUnavailableMs) {
      availability = null;
      unavailableAt = null;
    }
    if (!availability) {
      const probing = probe();
      availability = probing;
      void probing.then((ok) => {
        if (!ok && availability === probing) unavailableAt = now();
      });
    }
    return availability;
  };

  /** Runs one keychain call after the availability check, mapping every failure to KEYCHAIN_UNAVAILABLE. */
  async function run<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (!(await isAvailable())) throw unavailable();
    try {
      return await keychain(call);
    } catch (err) {
      throw unavailable(err);
    }
  }

  /** The secret, from memory after the first read; a failed read is not remembered. */
  function read(profileId: string): Promise<string | null> {
    const known = cache.get(profileId);
    if (known) return known;
    const reading = run(async (signal) => (await entry(profileId)).getPassword(signal));
    cache.set(profileId, reading);
    reading.catch(() => {
      if (cache.get(profileId) === reading) cache.delete(profileId);
    });
    return reading;
  }

  return {
    isAvailable,
    async set(profileId, secret) {
      checkAccount(profileId);
      cache.delete(profileId);
      await run(async (signal) => (await entry(profileId)).setPassword(secret, signal));
      cache.set(profileId, Promise.resolve(secret));
    },
    async get(profileId) {
      checkAccount(profileId);
      return read(profileId);
    },
    async remove(profileId) {
      checkAccount(profileId);
      cache.delete(profileId);
      if (!(await isAvailable())) return;
      await run(async (signal) => (await entry(profileId)).deletePassword(signal));
    },
    async has(profileId) {
      checkAccount(profileId);
      if (!(await isAvailable())) return false;
      return (await read(profileId)) !== null;
    },
    forget(profileId) {
      cache.delete(profileId);
    },
  };
}
