import { readPreference, writePreference } from './preferences';

/*
 * Every store is a `create…Store(deps)` factory: what it needs from the outside world is
 * injected, so tests pass doubles. The dependencies most stores share have one set of app
 * defaults, resolved once when the store is made (not at each use), so inside a store every
 * dependency is simply there.
 */

/** Dependencies with app-wide defaults. */
export interface CommonStoreDeps {
  /** Wall clock, epoch ms. */
  now: () => number;
  /** New record ids. */
  newId: () => string;
  /** Small UI preferences (localStorage in the app). */
  readPreference: (key: string) => string | null;
  writePreference: (key: string, value: string | null) => void;
}

/** The app's defaults for {@link CommonStoreDeps}. */
export const COMMON_STORE_DEFAULTS: CommonStoreDeps = {
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
  readPreference,
  writePreference,
};

/** A store's dependencies with the common ones filled in. */
export type WithCommonDeps<D> = Omit<D, keyof CommonStoreDeps> & CommonStoreDeps;

/** Fills the common dependencies `deps` leaves out (undefined counts as left out). */
export function withCommonDeps<D extends Partial<CommonStoreDeps>>(deps: D): WithCommonDeps<D> {
  const given = Object.fromEntries(Object.entries(deps).filter(([, v]) => v !== undefined));
  return { ...COMMON_STORE_DEFAULTS, ...given } as WithCommonDeps<D>;
}
