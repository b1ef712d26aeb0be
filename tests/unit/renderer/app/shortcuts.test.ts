import { describe, expect, it } from 'vitest';
import {
  comboKeys,
  detectMac,
  findShortcut,
  formatCombo,
  type KeyInput,
  matchesCombo,
  SHORTCUTS,
} from '../../../../renderer/app/shortcuts';
import { COMMAND_IDS } from '../../../../renderer/core/commands';

/** A key press: `key` plus modifiers; `code` defaults to the letter's physical key. */
function press(key: string, mods: Partial<KeyInput> = {}): KeyInput {
  const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : key === '/' ? 'Slash' : key;
  return { key, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe('the shortcut table', () => {
  it('has the required shortcuts', () => {
    const combos = SHORTCUTS.map((s) => s.combo);
    expect(combos).toEqual(
      expect.arrayContaining(['Enter', 'Shift+Enter', 'Escape', 'Mod+N', 'Mod+K', 'Mod+/']),
    );
  });

  it('gives every command at least one shortcut, and no combo twice', () => {
    const commands = new Set(SHORTCUTS.map((s) => s.command));
    for (const id of COMMAND_IDS) expect(commands.has(id)).toBe(true);
    const combos = SHORTCUTS.map((s) => s.combo);
    expect(new Set(combos).size).toBe(combos.length);
  });

  it('offers a browser-safe alternative for new chat (Chromium keeps Ctrl+N)', () => {
    const newChat = SHORTCUTS.filter((s) => s.command === 'chat.new').map((s) => s.combo);
    expect(newChat).toContain('Mod+N');
    expect(newChat.length).toBeGreaterThan(1);
  });

  it('binds no plain printable key (typing is never stolen)', () => {
    for (const { combo } of SHORTCUTS) {
      const parts = combo.split('+');
      const key = parts.at(-1) ?? '';
      const modified = parts.some((p) => p === 'Mod' || p === 'Alt');
      expect(modified || key.length > 1, combo).toBe(true);
    }
  });
});

describe('findShortcut', () => {
  it.each([
    [press('k', { ctrlKey: true }), false, 'conversations.search'],
    [press('k', { metaKey: true }), true, 'conversations.search'],
    [press('n', { ctrlKey: true }), false, 'chat.new'],
    [press('O', { ctrlKey: true, shiftKey: true }), false, 'chat.new'],
    [press('/', { ctrlKey: true }), false, 'app.shortcuts'],
    // German layout: "/" is Shift+7.
    [press('/', { ctrlKey: true, shiftKey: true, code: 'Digit7' }), false, 'app.shortcuts'],
    [press('Escape'), false, 'chat.stop'],
    [press('Escape', { shiftKey: true }), false, 'chat.focus-composer'],
    [press('C', { ctrlKey: true, shiftKey: true }), false, 'chat.copy-last'],
    [press('r', { altKey: true }), false, 'chat.regenerate'],
    // Option+R types "®" on a Mac: matched by the physical key.
    [press('®', { altKey: true, code: 'KeyR' }), true, 'chat.regenerate'],
  ])('%j (mac %s) runs %s', (input, isMac, command) => {
    expect(findShortcut(input, isMac)?.command).toBe(command);
  });

  it.each([
    [press('k'), false],
    [press('k', { metaKey: true }), false],
    [press('k', { ctrlKey: true }), true],
    [press('k', { ctrlKey: true, altKey: true }), false],
    [press('n', { ctrlKey: true, shiftKey: true }), false],
    [press('Enter'), false],
    [press('Enter', { shiftKey: true }), false],
    [press('/'), false],
    [press('x', { ctrlKey: true }), false],
    // Dvorak: the key typed is "t" even where QWERTY has K; Ctrl+T is not search.
    [press('t', { ctrlKey: true, code: 'KeyK' }), false],
  ])('%j (mac %s) runs nothing', (input, isMac) => {
    expect(findShortcut(input, isMac)).toBeNull();
  });

  it('needs the exact modifiers', () => {
    expect(matchesCombo(press('o', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+O', false)).toBe(true);
    expect(matchesCombo(press('o', { ctrlKey: true }), 'Mod+Shift+O', false)).toBe(false);
    expect(matchesCombo(press('o', { metaKey: true, shiftKey: true }), 'Mod+Shift+O', false)).toBe(false);
  });
});

describe('labels', () => {
  it('names keys per platform', () => {
    expect(comboKeys('Mod+Shift+O', false)).toEqual(['Ctrl', 'Shift', 'O']);
    expect(comboKeys('Mod+Shift+O', true)).toEqual(['⌘', '⇧', 'O']);
    expect(formatCombo('Mod+/', false)).toBe('Ctrl+/');
    expect(formatCombo('Mod+/', true)).toBe('⌘/');
    expect(formatCombo('Escape', false)).toBe('Esc');
    expect(formatCombo('Alt+R', true)).toBe('⌥R');
  });

  it('detects macOS from the platform hints', () => {
    expect(detectMac({ platform: 'MacIntel' })).toBe(true);
    expect(detectMac({ platform: 'Win32' })).toBe(false);
    expect(detectMac({ platform: '', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toBe(false);
    expect(detectMac(undefined)).toBe(false);
  });
});
