import { spawn } from 'node:child_process';

/*
 * The default way to open the sign-in page when the host (Electron or the web host) gave
 * none: the OS opener. Failures are ignored on purpose: the UI also shows the URL to copy.
 */

/** Set to 1 to never open a browser (tests, headless machines): the UI shows the URL instead. */
export const NO_BROWSER_ENV = 'SERVING_STUDIO_NO_BROWSER';

/** Runs xdg-open / open / start with the URL as one argument (no shell it controls). */
export async function openWithOsOpener(url: string): Promise<void> {
  // Only http(s): the URL comes from the workspace's metadata, so it is checked again here.
  const href = new URL(url).href;
  if (!/^https?:/.test(href)) return;
  const win = process.platform === 'win32';
  const command = process.platform === 'darwin' ? 'open' : win ? 'cmd' : 'xdg-open';
  // cmd's `start`: the empty "" is the window title; href is percent-encoded, so no `"` in it.
  const args = win ? ['/d', '/s', '/c', `start "" "${href}"`] : [href];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: win });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the URL is shown in the UI.
  }
}

/** Opens `url` unless SERVING_STUDIO_NO_BROWSER=1; never throws. */
export async function openSignInPage(url: string, opener?: (url: string) => Promise<void>): Promise<void> {
  if (process.env[NO_BROWSER_ENV] === '1') return;
  await (opener ?? openWithOsOpener)(url).catch(() => undefined);
}
