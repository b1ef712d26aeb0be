/**
 * How the end-to-end tests and the benchmark launch Chromium: the system browser (Playwright
 * can't download its own on offline machines; CHROMIUM_PATH overrides) with the same flags,
 * so both measure the same browser. --no-sandbox because CI runs as root.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
