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
 * - `set`/`get` throw KEYCHAIN_UNAVAILABLE when no keychain is reachable or it fails.
 * - `has` answers false and `remove` does nothing when unavailable: nothing can be stored
 *   there, so there is nothing to report or delete.
 *
 * Uses the library's async entries so keychain I/O (and any unlock prompt) runs off the
 * main thread, with a timeout. Known limit: constructing an entry connects to D-Bus
 * synchronously, so a bus that accepts connections but never answers would block.
 */
export function createKeychainSecretStore(options: KeychainSecretStoreOptions = {}): SecretStore {
  const service = options.service ?? DEFAULT_SERVICE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retryUnavailableMs = options.retryUnavailableMs ?? DEFAULT_RETRY_UNAVAILABLE_MS;
  const now = options.now ?? (() => performance.now());
  let availability: Promise<boolean> | null = null;
  /** When the last "no" was answered; null while none is cached. */
  let unavailableAt: number | null = null;

  const entry = async (account: string): Promise<AsyncEntry> =>
    new (await loadKeyring()).AsyncEntry(service, account, ENTRY_OPTIONS);

  async function probe(): Promise<boolean> {
    try {
      // A fresh account per probe: two processes probing at once (two windows, or the app and
      // browser mode) must not read each other's value and conclude there is no keychain.
      const probeEntry = await entry(`${PROBE_ACCOUNT}${randomUUID()}`);
      const value = randomUUID();
      await probeEntry.setPassword(value, AbortSignal.timeout(timeoutMs));
      const read = await probeEntry.getPassword(AbortSignal.timeout(timeoutMs));
      await probeEntry.deletePassword(AbortSignal.timeout(timeoutMs));
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
      return await call(AbortSignal.timeout(timeoutMs));
    } catch (err) {
      throw unavailable(err);
    }
  }

  return {
    isAvailable,
    async set(profileId, secret) {
      checkAccount(profileId);
      await run(async (signal) => (await entry(profileId)).setPassword(secret, signal));
    },
    async get(profileId) {
      checkAccount(profileId);
      return run(async (signal) => (await entry(profileId)).getPassword(signal));
    },
    async remove(profileId) {
      checkAccount(profileId);
      if (!(await isAvailable())) return;
      await run(async (signal) => (await entry(profileId)).deletePassword(signal));
    },
    async has(profileId) {
      checkAccount(profileId);
      if (!(await isAvailable())) return false;
      return (await run(async (signal) => (await entry(profileId)).getPassword(signal))) !== null;
    },
  };
}
