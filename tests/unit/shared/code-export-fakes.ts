import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Stand-ins for the Databricks SDK and the OpenAI clients (Python and Node) that record what
 * a snippet passes them into the file named by $CAPTURE, so that code-export tests can run
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
`;

const NODE_OPENAI = `
import { writeFileSync } from 'node:fs';
export default class OpenAI {
  constructor(options) {
    const create = (kind) => ({
      create: async (args) => {
        writeFileSync(process.env.CAPTURE, JSON.stringify({ client: options, kind, args }));
        return { choices: [] };
      },
    });
    this.chat = { completions: create('chat') };
    this.completions = create('completions');
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
