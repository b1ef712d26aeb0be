import { app, type Session, session, shell, type WebContents } from 'electron';
import type { AppUrlPolicy } from './app-url';

/*
 * The guards every web contents gets. One module, installed once, so the whole security
 * posture of the Electron layer can be read (and tested) in one place.
 */

/** Only web links leave the app. */
const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * True for http: and https: URLs only. `file:` would open local files or programs,
 * `smb:`/UNC paths leak NTLM hashes on Windows, `javascript:`/custom schemes launch handlers
 * with attacker-chosen arguments: all refused.
 */
export const isSafeExternalUrl = (url: string): boolean => {
  try {
    return EXTERNAL_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
};

/**
 * Opens `url` in the system browser if it is http(s); refuses anything else.
 * Resolves true when the URL was handed to the OS.
 */
export const safeOpenExternal = async (url: string): Promise<boolean> => {
  if (!isSafeExternalUrl(url)) return false;
  try {
    // The re-serialised href, not the raw string: the OS sees exactly what we checked.
    await shell.openExternal(new URL(url).href);
    return true;
  } catch {
    return false;
  }
};

/**
 * Permissions the app's own page may use. Everything else (camera, microphone, geolocation,
 * notifications, HID/serial/USB, display capture…) is denied. Writing to the clipboard is
 * kept because code blocks have a copy button; the sanitized variant cannot write raw
 * formats, and only our own page gets it.
 */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** Denies every permission request and check, except ALLOWED_PERMISSIONS for the app's page. */
export const denyPermissions = (target: Session, policy: AppUrlPolicy): void => {
  const allowed = (permission: string, url: string): boolean =>
    ALLOWED_PERMISSIONS.has(permission) && policy.isAppUrl(url);
  target.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(allowed(permission, details.requestingUrl ?? contents.getURL()));
  });
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowed(permission, details.requestingUrl ?? requestingOrigin),
  );
  target.setDevicePermissionHandler(() => false);
};

/** Installs the navigation, window-open and webview guards on one web contents. */
export const guardWebContents = (contents: WebContents, policy: AppUrlPolicy): void => {
  // No new windows, ever: a new window would not get our hardened options. Web links the
  // user clicks (target=_blank) go to the system browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void safeOpenExternal(url);
    return { action: 'deny' };
  });
  // The window only ever shows our own page: leaving it would give a foreign page our preload
  // (and so the bridge). A clicked web link opens in the browser instead.
  contents.on('will-navigate', (event, url) => {
    if (policy.isAppUrl(url)) return;
    event.preventDefault();
    if (isSafeExternalUrl(url)) void safeOpenExternal(url);
  });
  // Redirects are server-driven, so they are only refused, never handed to the browser.
  contents.on('will-redirect', (event, url) => {
    if (!policy.isAppUrl(url)) event.preventDefault();
  });
  // webviewTag is off in the window options; this also stops any attempt to attach one.
  contents.on('will-attach-webview', (event) => event.preventDefault());
};

/**
 * Installs all guards: on every web contents created from now on, and the permission
 * handlers on the default session. Call once, after `app.whenReady()`, before creating
 * a window.
 */
export const setupSecurity = (policy: AppUrlPolicy): void => {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, policy));
  denyPermissions(session.defaultSession, policy);
};
