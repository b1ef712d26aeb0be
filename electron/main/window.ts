import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options. A pure function so that a unit test can pin every security
 * setting: a regression here (say `sandbox: false` to make a library work) must fail a test,
 * not slip through review.
 */
export const buildWindowOptions = (preloadPath: string): BrowserWindowConstructorOptions => ({
  width: 1280,
  height: 840,
  minWidth: 720,
  minHeight: 480,
  title: 'Serving Studio',
  // Shown on `ready-to-show` so the user never sees a blank white frame.
  show: false,
  backgroundColor: '#111318',
  webPreferences: {
    preload: preloadPath,
    // The renderer is an ordinary web page: no Node, its own JS world, OS-level sandbox.
    // Everything privileged goes through the named methods of the preload.
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // Same-origin policy and mixed-content blocking stay on: the renderer never needs to
    // reach another origin (all HTTP happens in the main process).
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // <webview> could embed a page with its own, weaker preferences.
    webviewTag: false,
    // Spellcheck would send typed text to a dictionary service on some platforms; prompts
    // may be confidential.
    spellcheck: false,
    // Dropping a file on the window must not navigate to it.
    navigateOnDragDrop: false,
    // A page cannot lock the user in a loop of alert() dialogs.
    safeDialogs: true,
    enableWebSQL: false,
  },
});

/** Where the window loads the renderer from. */
export interface CreateWindowOptions {
  preloadPath: string;
  /** app://studio/index.html, or the Vite dev server URL. */
  appUrl: string;
}

/** Creates the hardened main window and starts loading the renderer. */
export const createMainWindow = ({ preloadPath, appUrl }: CreateWindowOptions): BrowserWindow => {
  const window = new BrowserWindow(buildWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl).catch((error: unknown) => {
    // A missing build is the usual cause; the message says what to run.
    console.error(`Could not load the renderer (${appUrl}); run \`npm run build\` first.`, error);
  });
  return window;
};
