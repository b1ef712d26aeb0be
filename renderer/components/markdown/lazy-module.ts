import { useEffect, useState } from 'react';

/**
 * A module loaded on first use (a dynamic `import()`), remembered once loaded so later
 * renders get it synchronously, without a flash of the unenhanced content.
 */
export interface LazyModule<T> {
  /** The module if it has loaded, else null. */
  get(): T | null;
  /** Starts loading (once) and resolves with the module. */
  load(): Promise<T>;
}

/** Wraps a loader so it runs at most once; a failed load may be retried later. */
export function lazyModule<T>(loader: () => Promise<T>): LazyModule<T> {
  let value: T | null = null;
  let pending: Promise<T> | null = null;
  return {
    get: () => value,
    load() {
      pending ??= loader().then(
        (loaded) => {
          value = loaded;
          return loaded;
        },
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
      return pending;
    },
  };
}

/**
 * The module once it is loaded, loading it when `enabled` (a closed block): null until then.
 * A failed load leaves the content unenhanced, which is still correct, just plain.
 */
export function useLazyModule<T>(lazy: LazyModule<T>, enabled: boolean): T | null {
  const [loaded, setLoaded] = useState<T | null>(() => lazy.get());
  useEffect(() => {
    if (!enabled || loaded) return;
    let live = true;
    lazy.load().then(
      (value) => live && setLoaded(() => value),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [lazy, enabled, loaded]);
  return enabled ? loaded : null;
}
