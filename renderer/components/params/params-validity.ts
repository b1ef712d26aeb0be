import { create } from 'zustand';

/*
 * Invalid input stays inside the parameter controls (the user can keep typing), so the
 * chat's params never hold an invalid value. But then the composer must know that what the
 * panel shows is not what would be sent: this store says which controls hold refused input,
 * and Send is blocked while any does.
 */

/** Refused input per control (parameter key → reason). */
export interface ParamsValidityState {
  problems: Record<string, string>;
  /** Records (reason) or clears (null) the refused input of one control. */
  report(key: string, reason: string | null): void;
}

/** The app's parameter-validity store. */
export const useParamsValidity = create<ParamsValidityState>()((set) => ({
  problems: {},
  report(key, reason) {
    set((s) => {
      if ((s.problems[key] ?? null) === reason) return s;
      const problems = { ...s.problems };
      if (reason === null) delete problems[key];
      else problems[key] = reason;
      return { problems };
    });
  },
}));

/** True while some control holds input that was refused (Send should be disabled). */
export const selectParamsBlocked = (s: ParamsValidityState): boolean => Object.keys(s.problems).length > 0;

/** The first refusal reason, for a tooltip on the disabled Send button. */
export const selectParamsProblem = (s: ParamsValidityState): string | null =>
  Object.values(s.problems)[0] ?? null;
