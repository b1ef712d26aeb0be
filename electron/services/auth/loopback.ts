import { createServer, type Server } from 'node:http';
import { failure } from '../../../shared/errors';

/*
 * The loopback listener that receives the browser's redirect after consent, like the
 * Databricks CLI's: http://localhost:8020, or the next free port up to 8040.
 */

/** Ports the Databricks CLI registers for `databricks-cli` redirects. */
export const DEFAULT_REDIRECT_PORTS: readonly [number, number] = [8020, 8040];

/** The page the browser shows afterwards: static, so nothing secret (code, state) is echoed. */
const DONE_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Serving Studio</title>' +
  '<body style="font-family:system-ui;margin:3rem"><h1>Sign-in received</h1>' +
  '<p>You can close this tab and return to Serving Studio.</p></body>';

/** A listening redirect receiver. */
export interface LoopbackListener {
  port: number;
  /** `http://localhost:PORT`, the redirect_uri to register with the authorization request. */
  redirectUri: string;
  /** Resolves with the query of the first redirect that reaches `/`. */
  result: Promise<URLSearchParams>;
  close(): void;
}

function listen(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onError = () => resolve(false);
    server.once('error', onError);
    // Bound to loopback only: nothing on the network can deliver a code here.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve(true);
    });
  });
}

/** Binds the first free port in `ports` (inclusive); NETWORK failure when none is free. */
export async function startLoopbackListener(
  ports: readonly [number, number] = DEFAULT_REDIRECT_PORTS,
): Promise<LoopbackListener> {
  let deliver: (params: URLSearchParams) => void = () => {};
  const result = new Promise<URLSearchParams>((resolve) => {
    deliver = resolve;
  });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' || url.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(DONE_PAGE);
    deliver(url.searchParams);
  });
  for (let port = ports[0]; port <= ports[1]; port++) {
    if (await listen(server, port)) {
      // An abandoned sign-in must not keep the process alive (the flow's timeout closes it).
      server.unref();
      return {
        port,
        redirectUri: `http://localhost:${port}`,
        result,
        close: () => {
          server.close();
          server.closeAllConnections();
        },
      };
    }
  }
  throw failure(
    'UNAVAILABLE',
    `Couldn't listen for the browser's sign-in redirect: ports ${ports[0]}–${ports[1]} on this machine are all in use. Close the program using them (another sign-in?) and try again.`,
  );
}
