import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { modelHandlers, packEmbeddings } from '../../../../../electron/services/handlers/model-handlers';
import type { Context } from '../../../../../electron/services/services-context';
import type { WorkspaceProfiles } from '../../../../../electron/services/storage/workspace-profiles';
import { createStreamRegistry } from '../../../../../electron/services/streams/stream-registry';
import type { SecretStore, Session } from '../../../../../electron/services/types';
import { packedEmbeddingsSchema } from '../../../../../shared/contract';
import type { EmbeddingResult, GenerationParams, WorkspaceProfile } from '../../../../../shared/domain';
import { StudioFailure } from '../../../../../shared/errors';
import { isTerminalEvent, type StreamEvent } from '../../../../../shared/stream-events';

const metrics = {
  startedAt: 0,
  firstByteMs: 1,
  ttftMs: null,
  totalMs: 2,
  tokensPerSec: null,
  promptTokens: 2,
  completionTokens: 0,
  usageReported: false,
  retries: 0,
};
const result = (vectors: number[][]): EmbeddingResult => ({ model: 'm', vectors, usage: null, metrics });

/** The packed vectors back as numbers, the way the page reads them. */
const unpack = (base64: string) =>
  Array.from(new Float32Array(new Uint8Array(Buffer.from(base64, 'base64')).buffer));

describe('packEmbeddings', () => {
  it('packs every vector as float32 bytes in one base64 string the contract accepts', () => {
    const packed = packEmbeddings(
      result([
        [0.5, -1, 2],
        [3, 0, -0.25],
      ]),
      'e',
    );
    expect(packed).toMatchObject({ model: 'm', count: 2, dim: 3, usage: null, metrics });
    expect(unpack(packed.vectors)).toEqual([0.5, -1, 2, 3, 0, -0.25]);
    expect(packedEmbeddingsSchema.safeParse(packed).success).toBe(true);
  });

  it('packs an empty answer', () => {
    const packed = packEmbeddings(result([]), 'e');
    expect(packed).toMatchObject({ count: 0, dim: 0, vectors: '' });
    expect(packedEmbeddingsSchema.safeParse(packed).success).toBe(true);
  });

  it('refuses vectors of different sizes, and numbers a float32 cannot hold', () => {
    const sizes = () => packEmbeddings(result([[1, 2], [3]]), 'e');
    expect(sizes).toThrow(StudioFailure);
    expect(sizes).toThrow(/different sizes/);
    expect(() => packEmbeddings(result([[1e39]]), 'e')).toThrow(/out of range/);
  });
});

describe('packedEmbeddingsSchema', () => {
  const valid = packEmbeddings(result([[1, 2, 3, 4]]), 'e');
  it('checks that the bytes hold count × dim numbers', () => {
    expect(packedEmbeddingsSchema.safeParse({ ...valid, dim: 5 }).success).toBe(false);
    expect(packedEmbeddingsSchema.safeParse({ ...valid, count: 2 }).success).toBe(false);
  });
  it('accepts base64 only', () => {
    expect(
      packedEmbeddingsSchema.safeParse({ ...valid, vectors: `${valid.vectors.slice(1)}!` }).success,
    ).toBe(false);
  });
});

describe('startChat: validation with the model’s capabilities, and the learned protocol', () => {
  const HOST = 'https://ws.example.com';
  const LIST = {
    endpoints: [
      { name: 'databricks-dbrx-instruct', task: 'llm/v1/chat' },
      { name: 'databricks-claude-sonnet-4-6', task: 'llm/v1/chat' },
      { name: 'databricks-claude-next', task: 'llm/v1/chat' },
    ],
  };

  /** Handlers over a context whose current workspace answers through a fetch double. */
  function setup(stream: () => Response) {
    const sent: string[] = [];
    const fetch = async (url: string | URL | Request, init?: RequestInit) => {
      sent.push(`${init?.method ?? 'GET'} ${String(url).slice(HOST.length)}`);
      if (!init?.body)
        return new Response(JSON.stringify(LIST), { headers: { 'content-type': 'application/json' } });
      return stream();
    };
    const profile: WorkspaceProfile = { id: 'p', name: 'W', host: HOST, authKind: 'pat', createdAt: 0 };
    const ctx = {
      options: { clientOptions: { fetch: fetch as typeof globalThis.fetch, sleep: async () => {} } },
      secrets: { get: async () => 'dapi-x' } as unknown as SecretStore,
      profiles: { getCurrent: async () => profile } as unknown as WorkspaceProfiles,
      registry: createStreamRegistry(),
      clients: new Map(),
      health: new Map(),
      demo: null,
    } satisfies Context;
    const events: StreamEvent[] = [];
    const session: Session = { id: 's', emit: (e) => events.push(e) };
    return { handlers: modelHandlers(ctx), ctx, sent, events, session };
  }

  const chat = (endpoint: string, params: GenerationParams) => ({
    streamId: randomUUID(),
    endpoint,
    messages: [{ role: 'user' as const, content: 'Hi' }],
    params,
  });
  const ended = async (events: StreamEvent[]) => {
    for (let i = 0; i < 100 && !events.some(isTerminalEvent); i++) await new Promise((r) => setTimeout(r, 5));
    return events.at(-1);
  };

  it('refuses reasoning settings the model does not take, with the reason, before any request', async () => {
    const { handlers, sent, session } = setup(() => new Response(''));
    await handlers.listEndpoints();
    const effort = handlers.startChat(
      chat('databricks-dbrx-instruct', { reasoning_effort: 'high' }),
      session,
    );
    await expect(effort).rejects.toThrow(/DBRX models take no reasoning effort/);
    const budget = handlers.startChat(
      chat('databricks-claude-sonnet-4-6', { max_tokens: 2000, thinking_budget: 500 }),
      session,
    );
    await expect(budget).rejects.toThrow(/at least 1024/);
    expect(sent).toEqual(['GET /api/2.0/serving-endpoints']);
  });

  it('after a fallback, validates against the Responses API and lists the endpoint as responses', async () => {
    const answers = [
      () =>
        new Response(
          JSON.stringify({ error_code: 'BAD_REQUEST', message: 'Use the Responses API for this model.' }),
          {
            status: 400,
          },
        ),
      () =>
        new Response(
          `data: ${JSON.stringify({ type: 'response.output_text.delta', item_id: 'm', delta: 'ok' })}\n\n`,
          {
            headers: { 'content-type': 'text/event-stream' },
          },
        ),
    ];
    const { handlers, session, events, sent } = setup(() => answers.shift()!());
    await handlers.listEndpoints();
    await handlers.startChat(chat('databricks-claude-next', { max_tokens: 50 }), session);
    expect(await ended(events)).toMatchObject({ type: 'done' });
    expect(sent.slice(1)).toEqual([
      'POST /serving-endpoints/databricks-claude-next/invocations',
      'POST /serving-endpoints/responses',
    ]);
    await expect(handlers.startChat(chat('databricks-claude-next', { top_k: 3 }), session)).rejects.toThrow(
      /Responses API, which has no top_k/,
    );
    const { endpoints } = await handlers.listEndpoints();
    expect(endpoints.find((e) => e.name === 'databricks-claude-next')?.protocol).toBe('responses');
  });
});
