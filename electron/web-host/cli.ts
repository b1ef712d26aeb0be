import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultUserDataDir } from '../services/storage/user-data-dir';
import { createStudioServices } from '../services/studio-services';
import { clientTuningFromEnv } from './client-tuning';
import { listenOnHomePort } from './port-choice';
import { DEMO_READY_PREFIX, HOST_READY_PREFIX } from './ready-lines';
import { startWebHost } from './server';

/*
 * `npm run web [-- --port N --no-open --user-data DIR --demo-port N]`: runs Serving Studio in
 * the system browser, for machines without Electron's binary. Prints one line
 * `Serving Studio (browser mode): <url>` (tests read it) and stops on Ctrl-C / SIGTERM.
 * Without --port it listens on its home port (remembered in the user-data folder, see
 * port-choice.ts), so the page keeps one origin, and with it its saved conversations.
 * SERVING_STUDIO_CLIENT_TUNING (JSON) sets the workspace client's timeouts and retry pacing
 * (client-tuning.ts).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Reads a port flag: an integer 0–65535, or undefined when absent. */
const portOption = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`${flag} must be a port (0–65535).`);
  return port;
};

const parseCli = (argv: string[]) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      'user-data': { type: 'string' },
      'demo-port': { type: 'string' },
    },
    strict: true,
  });
  return {
    // Absent: the home port. Given (0 included: any free port): exactly that, not remembered.
    port: portOption(values.port, '--port'),
    open: !values['no-open'],
    userDataDir: values['user-data'] ?? defaultUserDataDir(),
    demoPort: portOption(values['demo-port'], '--demo-port'),
  };
};

/** The opener command for this OS; the URL is passed as data, never through a shell it controls. */
const openerFor = (url: string): { command: string; args: string[]; verbatim: boolean } => {
  if (process.platform === 'darwin') return { command: 'open', args: [url], verbatim: false };
  if (process.platform === 'win32') {
    // `start` is a cmd built-in. The empty "" is its window title (else a quoted URL would be
    // taken for one); our URL is base64url and digits only, so quoting it is enough.
    return { command: 'cmd', args: ['/d', '/s', '/c', `start "" "${url}"`], verbatim: true };
  }
  return { command: 'xdg-open', args: [url], verbatim: false };
};

/** Opens the URL in the system browser; failures are ignored (the URL is printed anyway). */
const openBrowser = (url: string): void => {
  const { command, args, verbatim } = openerFor(url);
  try {
    const child = spawn(command, args, {
      stdio: 'ignore',
      detached: true,
      windowsVerbatimArguments: verbatim,
    });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser opener on this machine: the printed URL is enough.
  }
};

const main = async (): Promise<void> => {
  const options = parseCli(process.argv.slice(2));
  const { version } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
  const services = await createStudioServices({
    userDataDir: options.userDataDir,
    mode: 'browser',
    version,
    clientOptions: clientTuningFromEnv(),
    // OAuth sign-in pages open like the app itself: in the system browser, unless --no-open.
    openExternal: async (url) => {
      if (options.open) openBrowser(url);
    },
    // Printed when the demo starts (on first use), so tests and curl users can find it.
    demo: {
      ...(options.demoPort === undefined ? {} : { port: options.demoPort }),
      onStarted: (url) => console.log(`${DEMO_READY_PREFIX}${url}`),
    },
  });
  const { value: host, warning } = await listenOnHomePort({
    requested: options.port,
    userDataDir: options.userDataDir,
    listen: (port) => startWebHost({ services, port, rendererDir: `${ROOT}dist/renderer` }),
  });
  if (warning) console.warn(warning);
  console.log(`${HOST_READY_PREFIX}${host.url}`);
  if (options.open) openBrowser(host.url);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(() => services.dispose())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

main().catch((error: unknown) => {
  console.error(
    `Serving Studio (browser mode) could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
