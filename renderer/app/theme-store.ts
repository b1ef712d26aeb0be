import { create } from 'zustand';
import { readPreference, writePreference } from '../core/preferences';

/*
 * The colour theme: 'system' follows the OS (live), 'light' and 'dark' override it. The
 * resolved theme is written to `<html data-theme="light|dark">`, which app.css keys its
 * colour variables on. Before this module runs (the first paint of the page), app.css falls
 * back to the prefers-color-scheme media query, so an OS-dark user never sees a light flash.
 * The module applies the saved theme as soon as it is imported, before React renders.
 */

/** What the user picked. */
export type ThemeChoice = 'system' | 'light' | 'dark';
/** What is shown. */
export type Theme = 'light' | 'dark';

/** The choices, in the order the setting offers them, with their labels. */
export const THEME_CHOICES: readonly { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** The preference key (stored through preferences.ts, like every UI preference). */
export const THEME_PREFERENCE = 'ui.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** A stored value as a choice; anything unknown (or nothing) means 'system'. */
export function parseThemeChoice(value: string | null): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The theme shown for a choice, given whether the OS prefers dark. */
export function resolveTheme(choice: ThemeChoice, prefersDark: boolean): Theme {
  return choice === 'system' ? (prefersDark ? 'dark' : 'light') : choice;
}

function darkQuery(): MediaQueryList | null {
  return typeof globalThis.matchMedia === 'function' ? globalThis.matchMedia(DARK_QUERY) : null;
}

/** Writes the theme on `<html>` (no-op without a DOM, as in unit tests). */
export function applyTheme(theme: Theme, root = globalThis.document?.documentElement): void {
  if (root) root.dataset.theme = theme;
}

/** The theme state. */
export interface ThemeState {
  choice: ThemeChoice;
  resolved: Theme;
  /** Picks a theme; saved as a preference and applied at once. */
  setChoice(choice: ThemeChoice): void;
}

const initialChoice = parseThemeChoice(readPreference(THEME_PREFERENCE));

/** The theme store. */
export const useThemeStore = create<ThemeState>()((set) => ({
  choice: initialChoice,
  resolved: resolveTheme(initialChoice, darkQuery()?.matches ?? false),
  setChoice(choice) {
    writePreference(THEME_PREFERENCE, choice === 'system' ? null : choice);
    const resolved = resolveTheme(choice, darkQuery()?.matches ?? false);
    applyTheme(resolved);
    set({ choice, resolved });
  },
}));

// Apply the saved theme now, and follow the OS while the choice is 'system'.
applyTheme(useThemeStore.getState().resolved);
darkQuery()?.addEventListener('change', (event) => {
  const { choice } = useThemeStore.getState();
  if (choice !== 'system') return;
  const resolved = resolveTheme(choice, event.matches);
  applyTheme(resolved);
  useThemeStore.setState({ resolved });
});
