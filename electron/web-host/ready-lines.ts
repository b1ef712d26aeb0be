/*
 * The lines the browser-mode host prints on stdout. People read them; the e2e harness finds
 * the page URL and the embedded demo workspace's URL by these prefixes.
 */

/** Printed once the host listens: the prefix, then the page URL with its session token. */
export const HOST_READY_PREFIX = 'Serving Studio (browser mode): ';

/** Printed when the embedded demo workspace starts (on first use): the prefix, then its URL. */
export const DEMO_READY_PREFIX = 'Demo workspace (embedded): ';
