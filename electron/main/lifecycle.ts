import { join } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import type { Router } from '../services/router';
import { APP_FOLDER } from '../services/storage/user-data-dir';
import type { StudioServices } from '../services/studio-services';
import { APP_URL } from './app-protocol';
import { sessionIdOf } from './ipc';
import { createMainWindow } from './window';

/** Where the built app's pieces are. */
export interface AppPaths {
  preloadPath: string;
  /** The URL the window loads: app://studio/index.html, or the Vite dev server's. */
  appUrl: string;
  /** The built renderer, served on app://studio/. */
  rendererDir: string;
}

/**
 * Resolves the preload and the renderer next to the main bundle (dist/electron/main.cjs), so
 * the paths are right however Electron was launched (`electron .`, `electron main.cjs`,
 * from app.asar). `__dirname` is the bundle's folder: the main bundle is CommonJS. The Vite
 * dev server URL is honoured only in an unpackaged app: an installed app must never be
 * pointed at another page by an environment variable.
 */
export const resolveAppPaths = (bundleDir: string = __dirname): AppPaths => {
  const devUrl = app.isPackaged ? undefined : process.env.VITE_DEV_SERVER_URL;
  return {
    preloadPath: join(bundleDir, 'preload.cjs'),
    appUrl: devUrl ?? APP_URL,
    rendererDir: join(bundleDir, '../renderer'),
  };
};

/**
 * Fixes the user-data folder before anything reads it: `--user-data-dir=DIR` when given
 * (tests launch with a fresh folder each), else <appData>/Serving Studio, so that browser
 * mode and the desktop app share profiles even when Electron was launched on the bundle's
 * path (then it doesn't read productName). Must run before `app.whenReady()`.
 */
export const setupUserDataDir = (): void => {
  const dir = app.commandLine.getSwitchValue('user-data-dir');
  app.setPath('userData', dir || join(app.getPath('appData'), APP_FOLDER));
};

/**
 * One running instance: a second launch focuses the first window instead of opening a second
 * app on the same profile files. Returns false when this process should exit.
 */
export const setupSingleInstance = (getWindow: () => BrowserWindow | null): boolean => {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const window = getWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  return true;
};

/**
 * Opens the main window and ends its router session when it closes, which aborts the
 * streams it started.
 */
export const setupMainWindow = (paths: AppPaths, router: Router): BrowserWindow => {
  const window = createMainWindow(paths);
  // Read the id now: after 'closed' the web contents is destroyed and can't be asked.
  const sessionId = sessionIdOf(window.webContents);
  window.on('closed', () => router.closeSession(sessionId));
  return window;
};

/** How long quitting waits for services to shut down (streams abort, demo server closes). */
const DISPOSE_TIMEOUT_MS = 5_000;

/**
 * Disposes the services before the app quits. `before-quit` can't wait for a promise, so the
 * first quit is held, the services are disposed (bounded by a timeout so a stuck service
 * can't keep the app alive), then the quit is repeated.
 */
export const setupQuit = (services: StudioServices): void => {
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    const timeout = new Promise<void>((done) => setTimeout(done, DISPOSE_TIMEOUT_MS));
    void Promise.race([services.dispose().catch(() => undefined), timeout]).finally(() => app.quit());
  });
  app.on('window-all-closed', () => {
    // macOS apps stay alive without windows, as users expect there.
    if (process.platform !== 'darwin') app.quit();
  });
};
