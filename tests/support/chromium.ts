import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * How the end-to-end tests and the benchmark find and launch Chromium, the way a developer has
 * one: CHROMIUM_PATH when set, else the system's Chromium or Chrome (Linux, macOS, Windows),
 * else Playwright's own (after `npx playwright install chromium`). The same flags everywhere,
 * so both measure the same browser. --no-sandbox because CI runs as root.
 */

/** Where a browser was found, and how. */
export interface FoundChromium {
  path: string;
  source: 'CHROMIUM_PATH' | 'system' | 'playwright';
}

/** The usual places of Chromium and Chrome, per platform, most specific first. */
export function systemCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin')
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ];
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter(
      (r): r is string => typeof r === 'string' && r !== '',
    );
    return roots.flatMap((root) => [
      join(root, 'Chromium', 'Application', 'chrome.exe'),
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
  ];
}

/**
 * The browser to use, or null with nothing found. A CHROMIUM_PATH that names nothing is not
 * silently replaced: it is returned as given, and the launch then says the path is wrong.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
  playwrightPath: () => string | null = bundledChromium,
): FoundChromium | null {
  if (env.CHROMIUM_PATH) return { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
  const system = systemCandidates(platform, env).find(exists);
  if (system) return { path: system, source: 'system' };
  const bundled = playwrightPath();
  return bundled && exists(bundled) ? { path: bundled, source: 'playwright' } : null;
}

/** Where Playwright keeps its own Chromium (whether or not it was installed). */
function bundledChromium(): string | null {
  try {
    // playwright-core comes with @playwright/test; asked only when no system browser exists.
    const { chromium } = createRequire(import.meta.url)(
      'playwright-core',
    ) as typeof import('playwright-core');
    return chromium.executablePath();
  } catch {
    return null;
  }
}

/** The one line printed when no browser is found. */
export const NO_CHROMIUM =
  'No Chromium or Chrome found for the end-to-end tests: install one (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium), set CHROMIUM_PATH to a browser, or run "npx playwright install chromium".';

const found = findChromium();

/** The browser's path ('' when none was found; see NO_CHROMIUM). */
export const CHROMIUM_PATH = found?.path ?? '';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
