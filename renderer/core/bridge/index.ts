import { CHANNEL_METHODS } from '../../../shared/channels';
import type { StudioApi } from '../../../shared/contract';
import { fail } from '../../../shared/errors';
import { createWebSocketBridge, webSocketUrlFromLocation } from './ws-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. Declared here, once. */
    studio?: StudioApi;
  }
}

let api: StudioApi | null = null;

/** An API whose every call explains that the page was opened without its session token. */
const missingTokenApi = (): StudioApi => {
  const message =
    'This page was opened without its session link. Open the address `npm run web` printed (it ends in ?token=…).';
  const methods = Object.fromEntries(
    CHANNEL_METHODS.map((method) => [method, async () => fail('NOT_CONFIGURED', message)]),
  ) as unknown as Omit<StudioApi, 'onStreamEvent'>;
  return { ...methods, onStreamEvent: () => () => undefined };
};

/**
 * The bridge the renderer programs against: the Electron preload's `window.studio` when
 * present, else the browser-mode WebSocket client. Created once per page.
 *
 * The session token stays in the page URL on purpose. Stripping it (history.replaceState)
 * and keeping it only in memory would break reload, and the alternatives that survive a
 * reload (sessionStorage, localStorage, IndexedDB) persist it where other code of this
 * origin, or the disk, keeps it. Leaving it in the URL is safe enough because the token is
 * per launch (worthless once the host stops), the host listens on 127.0.0.1 only and also
 * checks Origin and Host, and the page is served with `Referrer-Policy: no-referrer` so the
 * URL never leaks to another site. The token is read here and never written anywhere.
 */
export const getStudioApi = (): StudioApi => {
  if (api) return api;
  if (window.studio) {
    api = window.studio;
    return api;
  }
  const url = webSocketUrlFromLocation(window.location);
  api = url ? createWebSocketBridge(url) : missingTokenApi();
  return api;
};
