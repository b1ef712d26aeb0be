import { app, BrowserWindow, protocol } from 'electron';
import { createStudioServices } from '../services/studio-services';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { createAppUrlPolicy } from './app-url';
import { setupIpc } from './ipc';
import {
  resolveAppPaths,
  setupMainWindow,
  setupQuit,
  setupSingleInstance,
  setupUserDataDir,
} from './lifecycle';
import { safeOpenExternal, setupSecurity } from './security';

/*
 * The Electron main process: composes the setup steps, nothing more. Each step lives in its
 * own module (window options, guards, IPC adapter, lifecycle) so it can be read and tested
 * alone.
 */

let mainWindow: BrowserWindow | null = null;

// Schemes must be declared before the app is ready.
registerAppScheme(protocol);

const main = async (): Promise<void> => {
  // Before the lock: the single-instance lock is per user-data folder.
  setupUserDataDir();
  if (!setupSingleInstance(() => mainWindow)) return;
  await app.whenReady();
  const paths = resolveAppPaths();
  serveAppProtocol(protocol, paths.rendererDir);
  const policy = createAppUrlPolicy(paths.appUrl);
  // Guards first, so no web contents ever exists without them.
  setupSecurity(policy);
  const services = await createStudioServices({
    userDataDir: app.getPath('userData'),
    mode: 'electron',
    version: app.getVersion(),
    // The OAuth sign-in page opens in the system browser, through the same http(s)-only check.
    openExternal: async (url) => {
      await safeOpenExternal(url);
    },
  });
  setupIpc(services.router, policy);
  setupQuit(services);
  const openWindow = (): void => {
    mainWindow = setupMainWindow(paths, services.router);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  openWindow();
  // macOS: clicking the dock icon with no window open opens one again.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
};

main().catch((error: unknown) => {
  console.error('Serving Studio could not start:', error);
  app.exit(1);
});
