import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/*
 * Which port browser mode listens on. The page keeps its conversations in IndexedDB, which
 * belongs to the page's origin (http://127.0.0.1:PORT): a new port every launch is a new,
 * empty history. So browser mode has a home port, remembered in the user-data folder, and
 * moves off it only when something else holds it (saying that this launch's history is not
 * the usual one). `--port` still wins and is never remembered: it is a one-off choice.
 */

/** The first launch's port when nothing is remembered (then the next free one up). */
export const DEFAULT_WEB_PORT = 5747;

/** The file in the user-data folder that remembers the home port. */
export const PORT_FILE = 'browser-mode.json';

/** How many ports above the preferred one are tried before giving up. */
const SEARCH_SPAN = 50;

/** The remembered home port, or null when none (or the file is unreadable: it is only a hint). */
export async function readRememberedPort(userDataDir: string): Promise<number | null> {
  try {
    const saved = JSON.parse(await readFile(path.join(userDataDir, PORT_FILE), 'utf8')) as unknown;
    const port = (saved as { port?: unknown } | null)?.port;
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65_535 ? port : null;
  } catch {
    return null;
  }
}

/** Remembers `port` as the home port (temp file + rename, so a crash never leaves half a file). */
export async function rememberPort(userDataDir: string, port: number): Promise<void> {
  await mkdir(userDataDir, { recursive: true });
  const file = path.join(userDataDir, PORT_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify({ port }, null, 2)}\n`, 'utf8');
  await rename(temp, file);
}

const inUse = (err: unknown): boolean => (err as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';

/**
 * Listens on `preferred`, else the next free port up to {@link SEARCH_SPAN} above it. Only a
 * taken port moves on; any other failure (no permission, say) is the caller's to report.
 */
export async function listenFrom<T>(
  preferred: number,
  listen: (port: number) => Promise<T>,
  span: number = SEARCH_SPAN,
): Promise<{ value: T; port: number }> {
  for (let port = preferred; port <= Math.min(65_535, preferred + span); port++) {
    try {
      return { value: await listen(port), port };
    } catch (err) {
      if (!inUse(err)) throw err;
    }
  }
  throw new Error(`ports ${preferred}–${preferred + span} are all taken; choose one with --port.`);
}

/** What {@link listenOnHomePort} needs. */
export interface HomePortOptions<T extends { port: number }> {
  /** `--port`, when given (0: any free port). */
  requested?: number;
  userDataDir: string;
  /** Starts listening on exactly `port`; rejects with EADDRINUSE when it is taken. */
  listen(port: number): Promise<T>;
  /** Tests use their own; {@link DEFAULT_WEB_PORT} otherwise. */
  defaultPort?: number;
}

/** The listening result and a one-line warning when this launch is off its home port. */
export interface HomePortResult<T> {
  value: T;
  warning: string | null;
}

/**
 * Listens on the home port: `--port` when given; else the remembered port (the default on the
 * first launch, which then becomes home wherever it landed); else, when that is taken, the
 * next free one with a warning. The fallback is not remembered, so the next launch goes home.
 */
export async function listenOnHomePort<T extends { port: number }>(
  options: HomePortOptions<T>,
): Promise<HomePortResult<T>> {
  if (options.requested !== undefined)
    return { value: await options.listen(options.requested), warning: null };
  const remembered = await readRememberedPort(options.userDataDir);
  const preferred = remembered ?? options.defaultPort ?? DEFAULT_WEB_PORT;
  const { value, port } = await listenFrom(preferred, options.listen);
  if (remembered === null) {
    // A folder we can't write to costs the stable origin, not the launch.
    await rememberPort(options.userDataDir, port).catch((err: unknown) =>
      console.warn(`[browser mode] could not remember port ${port}: ${(err as Error).message}`),
    );
  }
  const warning =
    remembered !== null && port !== remembered
      ? `Port ${remembered} is taken, so browser mode uses ${port} this time: conversations saved at http://127.0.0.1:${remembered} stay with that address and are not shown here.`
      : null;
  return { value, warning };
}
