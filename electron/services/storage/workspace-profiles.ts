import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type AuthKind, type WorkspaceProfile, workspaceProfileSchema } from '../../../shared/domain';
import { failure } from '../../../shared/errors';

/*
 * Workspace profiles (name, host, auth kind: never a secret) in `workspaces.json` inside
 * the user-data folder. Tokens live in the secret store, keyed by profile id.
 */

/** The file's name inside the user-data folder. */
export const PROFILES_FILE = 'workspaces.json';

const fileSchema = z.object({
  version: z.literal(1),
  profiles: z.array(workspaceProfileSchema),
  currentId: z.string().nullable(),
});
type ProfilesFile = z.infer<typeof fileSchema>;

const emptyFile = (): ProfilesFile => ({ version: 1, profiles: [], currentId: null });

/** Hosts that may use plain http: only this machine (local servers such as the demo). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** RFC 1123 labels, 1–63 chars each, 253 in all; URL() has already lower-cased and punycoded. */
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
// Mutation testing: no change to this pattern can change a result. URL() has already turned a
// host ending in a number into a dotted IPv4 address (or refused it), and HOSTNAME accepts those.
// Stryker disable next-line Regex: equivalent, see above
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

const invalid = (message: string) => failure('INVALID_INPUT', message);

/** The parsed URL, or a user-facing INVALID_INPUT failure. Pure checks; no network. */
function parseHostUrl(input: string): URL {
  const trimmed = input.trim();
  if (trimmed.length === 0) throw invalid('Enter the workspace URL.');
  if (/\s/.test(trimmed)) throw invalid('The workspace URL cannot contain spaces.');
  // Backslashes and control characters are "fixed up" differently by different URL parsers;
  // refusing them keeps what we check identical to what we later connect to.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(trimmed))
    throw invalid('The workspace URL contains characters that are not allowed.');
  // No "://" means no scheme was typed (`adb-1.azuredatabricks.net`, `localhost:8080`).
  const withScheme = trimmed.includes('://') ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid(
      'That is not a valid workspace URL. It looks like https://<workspace>.cloud.databricks.com.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`Workspace URLs start with https:// (got ${url.protocol}//).`);
  }
  // Credentials in the URL would be sent to the server and saved in the profile file.
  if (url.username !== '' || url.password !== '') {
    throw invalid('Remove the user name or password from the URL; the token has its own field.');
  }
  return url;
}

/**
 * Normalises a workspace URL typed by a person to `https://host[:port]`: trims, adds
 * `https://` when no scheme was given, lower-cases the host, drops any path, query,
 * fragment and trailing slash. Throws INVALID_INPUT (with a sentence to show) for empty
 * input, spaces, other schemes, user info, invalid host names, and `http://` to anything
 * but this machine (the token would travel in cleartext).
 */
export function normaliseHost(input: string): string {
  const url = parseHostUrl(input);
  const hostname = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  const isIpv6 = hostname.startsWith('[') && hostname.endsWith(']');
  if (!isIpv6 && !IPV4.test(hostname) && !HOSTNAME.test(hostname)) {
    throw invalid(`"${hostname}" is not a valid host name.`);
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(hostname)) {
    throw invalid('Use https:// for workspaces; plain http:// is only allowed for servers on this machine.');
  }
  const port = url.port === '' ? '' : `:${url.port}`;
  return `${url.protocol}//${hostname}${port}`;
}

/** What `add` needs; the id and creation time are assigned. */
export interface NewProfile {
  name: string;
  host: string;
  authKind: AuthKind;
}

/** The saved workspace profiles and which one is current. */
export interface WorkspaceProfiles {
  list(): Promise<WorkspaceProfile[]>;
  /** Null when no profile has that id. */
  get(id: string): Promise<WorkspaceProfile | null>;
  /** Adds a profile with a new random id; the host is normalised (except for the demo, filled at runtime). */
  add(profile: NewProfile): Promise<WorkspaceProfile>;
  /** Adds or replaces the profile with this exact id (used for the fixed `demo` profile). */
  put(profile: WorkspaceProfile): Promise<WorkspaceProfile>;
  /** False when there was no such profile. Clears `current` when it was current. */
  remove(id: string): Promise<boolean>;
  /** Throws NOT_FOUND for an unknown id; null clears the selection. */
  setCurrent(id: string | null): Promise<void>;
  getCurrent(): Promise<WorkspaceProfile | null>;
}

/** Writes via a temp file in the same folder + fsync + rename, so a crash leaves the old or the new file, never half of one. */
async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    // 0o600: profiles hold no secrets, but host names are still the user's business.
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}

/** Reads the file; missing → empty; unreadable or invalid → backed up as `.corrupt-<time>` and empty. */
async function readProfiles(file: string): Promise<ProfilesFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyFile();
    throw err;
  }
  let parsed: ReturnType<typeof fileSchema.safeParse> | null = null;
  try {
    parsed = fileSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (parsed?.success) {
    const data = parsed.data;
    // A current id without its profile (hand-edited file) just means "nothing selected".
    const currentId = data.profiles.some((p) => p.id === data.currentId) ? data.currentId : null;
    return { ...data, currentId };
  }
  // Never crash on a bad file and never silently lose it: keep it for the user (or support).
  const backup = `${file}.corrupt-${Date.now()}`;
  await rename(file, backup).catch(() => {});
  console.warn(`[workspace-profiles] ${PROFILES_FILE} was unreadable; kept it as ${path.basename(backup)}`);
  return emptyFile();
}

/** Creates the profile store over `<userDataDir>/workspaces.json`. The file is read once, lazily. */
export function createWorkspaceProfiles(userDataDir: string): WorkspaceProfiles {
  const file = path.join(userDataDir, PROFILES_FILE);
  let state: Promise<ProfilesFile> | null = null;
  // Mutations run one after another so two concurrent calls can't lose each other's write.
  let queue: Promise<unknown> = Promise.resolve();

  const load = (): Promise<ProfilesFile> => {
    // A failed read (e.g. permissions) is not cached, so the next call tries again.
    state ??= readProfiles(file).catch((err: unknown) => {
      state = null;
      throw err;
    });
    return state;
  };

  function mutate<T>(
    change: (current: ProfilesFile) => { next: ProfilesFile | null; result: T },
  ): Promise<T> {
    const run = queue.then(async () => {
      const { next, result } = change(await load());
      if (next) {
        await mkdir(userDataDir, { recursive: true });
        await writeAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
        state = Promise.resolve(next);
      }
      return result;
    });
    queue = run.catch(() => {});
    return run;
  }

  const put = (profile: WorkspaceProfile): Promise<WorkspaceProfile> => {
    // Validated again here so nothing but a well-formed, secret-free profile reaches the file.
    const clean = workspaceProfileSchema.parse(profile);
    // Replaced where it is: an edited workspace keeps its place in the switcher.
    const profiles = (s: ProfilesFile) =>
      s.profiles.some((p) => p.id === clean.id)
        ? s.profiles.map((p) => (p.id === clean.id ? clean : p))
        : [...s.profiles, clean];
    return mutate((s) => ({ next: { ...s, profiles: profiles(s) }, result: clean }));
  };

  return {
    list: async () => [...(await load()).profiles],
    get: async (id) => (await load()).profiles.find((p) => p.id === id) ?? null,
    async add(profile) {
      const name = profile.name.trim();
      if (name.length === 0) throw invalid('Give the workspace a name.');
      const host = profile.authKind === 'demo' ? profile.host : normaliseHost(profile.host);
      return put({ id: randomUUID(), name, host, authKind: profile.authKind, createdAt: Date.now() });
    },
    put,
    remove: (id) =>
      mutate((s) => {
        if (!s.profiles.some((p) => p.id === id)) return { next: null, result: false };
        const profiles = s.profiles.filter((p) => p.id !== id);
        return { next: { ...s, profiles, currentId: s.currentId === id ? null : s.currentId }, result: true };
      }),
    setCurrent: (id) =>
      mutate((s) => {
        if (id !== null && !s.profiles.some((p) => p.id === id)) {
          throw failure('NOT_FOUND', 'That workspace no longer exists. Pick another one.');
        }
        return { next: s.currentId === id ? null : { ...s, currentId: id }, result: undefined };
      }),
    async getCurrent() {
      const s = await load();
      return s.profiles.find((p) => p.id === s.currentId) ?? null;
    },
  };
}
