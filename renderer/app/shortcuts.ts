import type { CommandId } from '../core/commands';

/*
 * The keyboard shortcuts, in one table: the shortcut layer runs them, the shortcuts dialog
 * lists them, the README documents them. "Mod" is Cmd on macOS and Ctrl elsewhere.
 *
 * Choices (conventions of ChatGPT and Open WebUI where they exist):
 * - New chat: Mod+N in the desktop app. In a browser tab Chromium keeps Ctrl+N (new window)
 *   for itself — a page can't intercept it, nor Ctrl+T, Ctrl+W, Ctrl+Shift+N… — so
 *   Mod+Shift+O (ChatGPT's) is offered too and works everywhere.
 * - Regenerate: Alt+R (Option+R). Not Mod+Shift+R: that is the browser's hard reload, a
 *   habit, and an accidental regenerate costs tokens and makes a branch.
 * - Copy last answer: Mod+Shift+C and focus the message box: Shift+Esc, as in ChatGPT.
 * - Nothing here is a plain printable key, so shortcuts never steal typing.
 */

/** One row of the table. */
export interface Shortcut {
  /** "Mod+Shift+O", "Alt+R", "Escape", "Shift+Enter", "Mod+/": modifiers, then one key. */
  combo: string;
  /** The command it runs, or null for keys a component handles itself (Enter in the composer). */
  command: CommandId | null;
  /** What it does, as the dialog shows it. */
  description: string;
  /** Shown under the description, e.g. where the shortcut works. */
  note?: string;
}

/** Every shortcut, in the order the dialog lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { combo: 'Enter', command: null, description: 'Send the message', note: 'In the message box' },
  { combo: 'Shift+Enter', command: null, description: 'New line', note: 'In the message box' },
  { combo: 'Escape', command: 'chat.stop', description: 'Stop the answer' },
  {
    combo: 'Mod+N',
    command: 'chat.new',
    description: 'New chat',
    note: 'Desktop app; a browser keeps Ctrl+N for a new window',
  },
  { combo: 'Mod+Shift+O', command: 'chat.new', description: 'New chat', note: 'Works in the browser too' },
  { combo: 'Mod+K', command: 'conversations.search', description: 'Search conversations' },
  { combo: 'Alt+R', command: 'chat.regenerate', description: 'Regenerate the last answer' },
  { combo: 'Mod+Shift+C', command: 'chat.copy-last', description: 'Copy the last answer' },
  { combo: 'Shift+Escape', command: 'chat.focus-composer', description: 'Focus the message box' },
  { combo: 'Mod+/', command: 'app.shortcuts', description: 'Show keyboard shortcuts' },
];

/** The parts of a KeyboardEvent that matching reads (so tests need no DOM). */
export interface KeyInput {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface ParsedCombo {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

function parseCombo(combo: string): ParsedCombo {
  const parts = combo.split('+');
  // "Mod+/" splits cleanly; a combo ending in "+" itself would not, and none does.
  const key = parts.pop() ?? '';
  return { mod: parts.includes('Mod'), shift: parts.includes('Shift'), alt: parts.includes('Alt'), key };
}

/** Whether the pressed key is `key`: by character, else by physical key for letters and "/". */
function keyMatches(input: KeyInput, key: string): boolean {
  if (input.key.toLowerCase() === key.toLowerCase()) return true;
  // Option+R on a Mac yields "®", and non-Latin layouts other letters: then fall back to the
  // key's position, the way native apps do. A Latin letter is taken as typed (Dvorak, AZERTY).
  if (/^[A-Za-z]$/.test(input.key)) return false;
  if (/^[A-Za-z]$/.test(key)) return input.code === `Key${key.toUpperCase()}`;
  return key === '/' && input.code === 'Slash';
}

/** Whether `input` is exactly `combo` on this platform (no extra modifiers). */
export function matchesCombo(input: KeyInput, combo: string, isMac: boolean): boolean {
  const want = parseCombo(combo);
  const mod = isMac ? input.metaKey : input.ctrlKey;
  const otherMod = isMac ? input.ctrlKey : input.metaKey;
  if (mod !== want.mod || otherMod || input.altKey !== want.alt) return false;
  // "/" needs Shift on some layouts (German: Shift+7), so Shift is not compared for it.
  if (want.key !== '/' && input.shiftKey !== want.shift) return false;
  return keyMatches(input, want.key);
}

/** The table row a key press runs, or null (keys a component handles are never matched). */
export function findShortcut(input: KeyInput, isMac: boolean, table = SHORTCUTS): Shortcut | null {
  return table.find((s) => s.command !== null && matchesCombo(input, s.combo, isMac)) ?? null;
}

const MAC_LABELS: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Escape: 'Esc', Enter: '↩' };
const PC_LABELS: Record<string, string> = { Mod: 'Ctrl', Escape: 'Esc' };

/** The keys of a combo as this platform labels them, e.g. ["Ctrl", "Shift", "O"] or ["⌘", "⇧", "O"]. */
export function comboKeys(combo: string, isMac: boolean): string[] {
  const labels = isMac ? MAC_LABELS : PC_LABELS;
  const { key } = parseCombo(combo);
  const modifiers = combo.split('+').slice(0, -1);
  return [...modifiers, key].map((part) => labels[part] ?? (part.length === 1 ? part.toUpperCase() : part));
}

/** The combo as one readable string ("Ctrl+Shift+O", "⌘⇧O"), for titles and the README. */
export function formatCombo(combo: string, isMac: boolean): string {
  return comboKeys(combo, isMac).join(isMac ? '' : '+');
}

/** Whether the app runs on macOS (Cmd rather than Ctrl), from the browser's platform hints. */
export function detectMac(
  nav: { platform?: string; userAgent?: string } | undefined = globalThis.navigator,
): boolean {
  const platform = nav?.platform || nav?.userAgent || '';
  return /Mac|iPhone|iPad|iPod/i.test(platform);
}
