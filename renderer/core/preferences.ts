/*
 * Preferences in localStorage: small UI choices only (last endpoint, panel open…), NEVER
 * secrets — tokens live in the OS keychain on the privileged side. Every access is guarded
 * because storage can be unavailable (private mode, tests without a DOM, quota).
 */

const PREFIX = 'serving-studio.';

/** Reads a preference; null when unset or storage is unavailable. */
export function readPreference(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(PREFIX + key) ?? null;
  } catch {
    return null;
  }
}

/** Writes (or, with null, removes) a preference; silently does nothing without storage. */
export function writePreference(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(PREFIX + key);
    else globalThis.localStorage?.setItem(PREFIX + key, value);
  } catch {
    // A preference that can't be saved is only a lost convenience.
  }
}
