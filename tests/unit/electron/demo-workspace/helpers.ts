import { type Schema, Validator } from '@cfworker/json-schema';
import { vi } from 'vitest';
import type { DemoConfigPatch, DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { startDemoWorkspace } from '../../../../electron/demo-workspace/server';

/** A fast workspace for tests: no TTFT and effectively unpaced tokens unless a test says so. */
export async function startFast(patch: DemoConfigPatch = {}): Promise<DemoWorkspace> {
  const workspace = await startDemoWorkspace({ port: 0, ttftMs: 0, tokensPerSec: 1_000_000 });
  workspace.configure(patch);
  return workspace;
}

/** POSTs JSON (or a raw string) with the workspace's token unless `token` says otherwise. */
export function post(
  ws: DemoWorkspace,
  path: string,
  body: unknown,
  options: { token?: string | null; signal?: AbortSignal } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = options.token === undefined ? ws.token : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return fetch(`${ws.url}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** GETs a path with the workspace's token. */
export function get(ws: DemoWorkspace, path: string, token: string | null = ws.token): Promise<Response> {
  return fetch(`${ws.url}${path}`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
}

/** Native invocation route of an endpoint. */
export const invocations = (endpoint: string): string => `/serving-endpoints/${endpoint}/invocations`;

export const LLAMA_70B = 'databricks-meta-llama-3-1-70b-instruct';
export const DBRX = 'databricks-dbrx-instruct';
export const BGE = 'databricks-bge-large-en';
export const GTE = 'databricks-gte-large-en';
export const COMPLETIONS = 'demo-llama-3-1-8b-completions';

/** The `data:` payloads of an SSE body, in order (raw strings, including "[DONE]"). */
export function sseData(body: string): string[] {
  return body
    .split('\n\n')
    .filter((event) => event.trim() !== '')
    .map((event) => {
      const line = event.split('\n').find((l) => l.startsWith('data: '));
      return line ? line.slice('data: '.length) : '';
    });
}

/** JSON chunks of an SSE body (everything but [DONE]); throws on a malformed chunk. */
export function sseChunks(body: string): Record<string, unknown>[] {
  return sseData(body)
    .filter((data) => data !== '[DONE]')
    .map((data) => JSON.parse(data) as Record<string, unknown>);
}

/** Reads a streaming body until it ends or fails; returns the text read and any error. */
export async function readAll(response: Response): Promise<{ text: string; error: unknown }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return { text, error: null };
  } catch (error) {
    return { text, error };
  }
}

/** Content of all chat chunks for choice `index`, concatenated. */
export function chatText(chunks: Record<string, unknown>[], index = 0): string {
  let text = '';
  for (const chunk of chunks) {
    for (const choice of (chunk.choices as { index: number; delta?: { content?: string } }[]) ?? []) {
      if (choice.index === index) text += choice.delta?.content ?? '';
    }
  }
  return text;
}

/** A chat body with one user message. */
export const ask = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  messages: [{ role: 'user', content }],
  ...extra,
});

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON shapes; expect() checks them.
export type AnyJson = any;

/** A response body as loosely typed JSON, for assertions. */
export const json = (res: Response): Promise<AnyJson> => res.json() as Promise<AnyJson>;

/** Sends any method with the workspace's token and an optional JSON body. */
export function send(ws: DemoWorkspace, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${ws.token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${ws.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

export const LLAMA_3_3 = 'databricks-meta-llama-3-3-70b-instruct';
export const CLAUDE = 'databricks-claude-sonnet-4-6';
export const GPT_OSS = 'databricks-gpt-oss-120b';
export const GPT_5_5 = 'databricks-gpt-5-5';
export const MAVERICK = 'databricks-llama-4-maverick';
export const AGENT = 'demo-support-agent';

/** The OpenAI-compatible Responses route. */
export const RESPONSES = '/serving-endpoints/responses';

/** One typed SSE event of a Responses stream: its `event:` name and parsed `data:`. */
export interface TypedEvent {
  event: string;
  data: AnyJson;
}

/** The typed events of a Responses stream, in order; throws on a malformed data line. */
export function sseEvents(body: string): TypedEvent[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice('event: '.length) ?? '';
      const data = lines.find((l) => l.startsWith('data: '))?.slice('data: '.length) ?? '';
      return { event, data: JSON.parse(data) };
    });
}

/** Reasoning and text of a chat message's content (a string, or an array of items). */
export function splitContent(content: unknown): { reasoning: string; text: string; signatures: string[] } {
  if (typeof content === 'string') return { reasoning: '', text: content, signatures: [] };
  let reasoning = '';
  let text = '';
  const signatures: string[] = [];
  for (const item of (content as AnyJson[]) ?? []) {
    if (item.type === 'text') text += item.text;
    if (item.type !== 'reasoning') continue;
    for (const part of item.summary) {
      reasoning += part.text;
      if (part.signature) signatures.push(part.signature);
    }
  }
  return { reasoning, text, signatures };
}

/** The first errors of a value against a JSON Schema (empty when it validates), by a real validator. */
export function schemaErrors(schema: unknown, value: unknown): string[] {
  const result = new Validator(schema as Schema, '2020-12', false).validate(value);
  return result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}

/**
 * Runs `action` (requests to an in-process demo workspace) on a fake clock: the server's
 * timers and `performance.now()` only move when this moves them, one millisecond per turn of
 * the event loop, so real I/O still flows between steps. Resolves with the action's value and
 * the fake milliseconds that passed: a delay the server owes shows up exactly, however busy
 * the machine is, and nothing is measured on the wall clock.
 */
export async function onFakeClock<T>(action: () => Promise<T>): Promise<{ value: T; fakeMs: number }> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  try {
    let settled = false;
    const pending = action().finally(() => {
      settled = true;
    });
    let fakeMs = 0;
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) break;
      await vi.advanceTimersByTimeAsync(1);
      fakeMs += 1;
    }
    return { value: await pending, fakeMs };
  } finally {
    vi.useRealTimers();
  }
}
