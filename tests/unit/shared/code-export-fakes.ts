import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/*
 * Stand-ins for the Databricks SDK (with the OpenAI client it hands out) and the OpenAI
 * clients (Python and Node: chat, completions, responses) that record what a snippet passes
 * them into the file named by $CAPTURE, so that code-export tests can run
 * each snippet for real and compare what it would send with the body the app sends.
 */

const PY_SDK = `
import json, os

def _plain(v):
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if hasattr(v, "role") and hasattr(v, "content"):
        return {"role": v.role.value, "content": v.content}
    return v

class _Response:
    choices = []

class _ServingEndpoints:
    def __init__(self, client):
        self._client = client

    def get_open_ai_client(self):
        from openai import OpenAI
        return OpenAI(workspace=self._client)

    def query(self, **kwargs):
        with open(os.environ["CAPTURE"], "w") as f:
            json.dump({"client": self._client, "args": {k: _plain(v) for k, v in kwargs.items()}}, f)
        return _Response()

class WorkspaceClient:
    def __init__(self, **kwargs):
        self.serving_endpoints = _ServingEndpoints(kwargs)
`;

const PY_SERVING = `
import enum

class ChatMessageRole(enum.Enum):
    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"

class ChatMessage:
    def __init__(self, role, content):
        self.role = role
        self.content = content
`;

const PY_OPENAI = `
import json, os

class _Response:
    choices = []
    output = []
    output_text = ""

class _Create:
    def __init__(self, kind, client):
        self._kind = kind
        self._client = client

    def create(self, **kwargs):
        with open(os.environ["CAPTURE"], "w") as f:
            json.dump({"client": self._client, "kind": self._kind, "args": kwargs}, f)
        return _Response()

class _Chat:
    pass

class OpenAI:
    def __init__(self, **kwargs):
        self.chat = _Chat()
        self.chat.completions = _Create("chat", kwargs)
        self.completions = _Create("completions", kwargs)
        self.responses = _Create("responses", kwargs)
`;

const NODE_OPENAI = `
import { writeFileSync } from 'node:fs';
export default class OpenAI {
  constructor(options) {
    const create = (kind) => ({
      create: async (args) => {
        writeFileSync(process.env.CAPTURE, JSON.stringify({ client: options, kind, args }));
        return { choices: [], output: [], output_text: '' };
      },
    });
    this.chat = { completions: create('chat') };
    this.completions = create('completions');
    this.responses = create('responses');
  }
}
`;

/** Writes the fakes into a fresh temporary folder and returns its path. */
export function writeFakes(): string {
  const root = mkdtempSync(join(tmpdir(), 'code-export-'));
  const files: Record<string, string> = {
    'py/databricks/__init__.py': '',
    'py/databricks/sdk/__init__.py': PY_SDK,
    'py/databricks/sdk/service/__init__.py': '',
    'py/databricks/sdk/service/serving.py': PY_SERVING,
    'py/openai/__init__.py': PY_OPENAI,
    'node_modules/openai/package.json': JSON.stringify({ name: 'openai', type: 'module', main: 'index.js' }),
    'node_modules/openai/index.js': NODE_OPENAI,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** TypeScript snippets run through tsx, which strips their types (snippets cast extended bodies). */
const TSX = pathToFileURL(resolve(import.meta.dirname, '../../../node_modules/tsx/dist/esm/index.mjs')).href;

/** Runs snippets against the fakes; each run returns what the snippet passed its (fake) client. */
export interface SnippetRunner {
  run(command: string, args: string[], code: string, file: string): Record<string, unknown>;
  runTs(code: string): Record<string, unknown>;
  /** bash with `curl` replaced by a function that records its arguments. */
  runCurl(code: string): string[];
  /** The same, with what curl read on stdin (`--data-binary @-`), or null when it read none. */
  runCurlWithStdin(code: string): { args: string[]; stdin: string | null };
  dispose(): void;
}

/** Writes the fakes and returns a runner that gives snippets `token` as DATABRICKS_TOKEN. */
export function snippetRunner(token: string): SnippetRunner {
  const fakes = writeFakes();
  let n = 0;
  const run: SnippetRunner['run'] = (command, args, code, file) => {
    const path = join(fakes, `${++n}-${file}`);
    const capture = join(fakes, `${n}.json`);
    writeFileSync(path, code);
    const result = spawnSync(command, [...args, path], {
      cwd: fakes,
      encoding: 'utf8',
      env: { ...process.env, CAPTURE: capture, DATABRICKS_TOKEN: token, PYTHONPATH: join(fakes, 'py') },
    });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}\n${code}`);
    return JSON.parse(readFileSync(capture, 'utf8'));
  };
  return {
    run,
    runTs: (code) => run(process.execPath, ['--import', TSX], code, 'snippet.mts'),
    runCurl(code) {
      return this.runCurlWithStdin(code).args;
    },
    runCurlWithStdin(code) {
      const out = join(fakes, `${++n}-curl.args`);
      const stdin = `${out}.stdin`;
      // Reads stdin only when told to (`@-`), as curl does.
      const script = [
        'curl() {',
        `  printf '%s\\0' "$@" > ${JSON.stringify(out)}`,
        `  case " $* " in *" @- "*) cat > ${JSON.stringify(stdin)} ;; esac`,
        '}',
        code,
        '',
      ].join('\n');
      // From a file: a script with images is too long to be one `bash -c` argument.
      writeFileSync(`${out}.sh`, script);
      const result = spawnSync('bash', [`${out}.sh`], {
        encoding: 'utf8',
        env: { ...process.env, DATABRICKS_TOKEN: token },
      });
      if (result.status !== 0) throw new Error(result.stderr);
      return {
        args: readFileSync(out, 'utf8').split('\0').slice(0, -1),
        stdin: existsSync(stdin) ? readFileSync(stdin, 'utf8') : null,
      };
    },
    dispose: () => rmSync(fakes, { recursive: true, force: true }),
  };
}
