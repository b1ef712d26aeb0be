import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A minimal localStorage for the node test environment. */
function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

/** A fake `prefers-color-scheme: dark` query whose answer the test can flip. */
function fakeDarkQuery(initial: boolean) {
  const listeners: ((e: { matches: boolean }) => void)[] = [];
  const query = {
    matches: initial,
    addEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.push(l),
  };
  return {
    matchMedia: () => query,
    set(dark: boolean) {
      query.matches = dark;
      for (const l of listeners) l({ matches: dark });
    },
  };
}

/** Loads a fresh copy of the store with the given storage, OS preference and <html>. */
async function loadStore(saved: string | null, prefersDark: boolean) {
  vi.resetModules();
  const storage = memoryStorage();
  if (saved !== null) storage.setItem('serving-studio.ui.theme', saved);
  const os = fakeDarkQuery(prefersDark);
  const root = { dataset: {} as Record<string, string> };
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('matchMedia', os.matchMedia);
  vi.stubGlobal('document', { documentElement: root });
  const module = await import('../../../../renderer/app/theme-store');
  return { ...module, storage, os, root };
}

describe('theme-store', () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
  });

  it('parses stored choices, defaulting to system', async () => {
    const { parseThemeChoice, resolveTheme } = await loadStore(null, false);
    expect(parseThemeChoice('dark')).toBe('dark');
    expect(parseThemeChoice('light')).toBe('light');
    expect(parseThemeChoice('purple')).toBe('system');
    expect(parseThemeChoice(null)).toBe('system');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
  });

  it('applies the saved theme on load', async () => {
    const { useThemeStore, root } = await loadStore('dark', false);
    expect(useThemeStore.getState().choice).toBe('dark');
    expect(root.dataset.theme).toBe('dark');
  });

  it('follows the OS live while the choice is system', async () => {
    const { useThemeStore, root, os } = await loadStore(null, false);
    expect(root.dataset.theme).toBe('light');
    os.set(true);
    expect(root.dataset.theme).toBe('dark');
    expect(useThemeStore.getState().resolved).toBe('dark');
  });

  it('an explicit choice overrides the OS, persists, and system clears it', async () => {
    const { useThemeStore, root, os, storage } = await loadStore(null, true);
    useThemeStore.getState().setChoice('light');
    expect(root.dataset.theme).toBe('light');
    expect(storage.getItem('serving-studio.ui.theme')).toBe('light');
    os.set(false);
    os.set(true);
    expect(root.dataset.theme).toBe('light');
    useThemeStore.getState().setChoice('system');
    expect(root.dataset.theme).toBe('dark');
    expect(storage.getItem('serving-studio.ui.theme')).toBeNull();
  });
});
