/**
 * Decides whether a URL is the app's own page. Used by the navigation guards and by the IPC
 * sender check, so both agree on what "our page" means.
 */
export interface AppUrlPolicy {
  /** The URL the window loads: app://studio/index.html or the Vite dev server URL. */
  readonly appUrl: string;
  /** True when `url` is the app's own page (any hash; same path for file://, same origin for dev). */
  isAppUrl(url: string): boolean;
}

/** Parses without throwing: a URL that cannot be parsed is never ours. */
const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/**
 * Builds the policy for `appUrl`.
 *
 * - file:// pages all share the opaque origin "null", so comparing origins would accept ANY
 *   local file (a downloaded HTML file, say). We compare the exact path of our index instead.
 * - app://studio/ (our own standard scheme) is compared by scheme and host: every path under
 *   it is the built renderer, and Node's URL gives custom schemes an opaque origin.
 * - A dev server URL (http://localhost:5173) is compared by origin, because Vite serves the
 *   app's modules from many paths of that origin.
 */
export const createAppUrlPolicy = (appUrl: string): AppUrlPolicy => {
  const app = parse(appUrl);
  if (!app) throw new Error(`Not a URL: ${appUrl}`);
  const isAppUrl = (url: string): boolean => {
    const candidate = parse(url);
    if (!candidate || candidate.protocol !== app.protocol) return false;
    if (app.protocol === 'app:') return candidate.host === app.host;
    if (app.protocol === 'file:') {
      // A query string is refused too: our index takes none, and the file path is the identity.
      return candidate.host === app.host && candidate.pathname === app.pathname && candidate.search === '';
    }
    return candidate.origin === app.origin;
  };
  return { appUrl: app.href, isAppUrl };
};
