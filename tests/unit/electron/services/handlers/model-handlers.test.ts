import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packEmbeddings } from '../../../../../electron/services/handlers/model-handlers';
import { createStudioServices, type StudioServices } from '../../../../../electron/services/studio-services';
import type { SecretStore, Session } from '../../../../../electron/services/types';
import { packedEmbeddingsSchema } from '../../../../../shared/contract';
import type { EmbeddingResult } from '../../../../../shared/domain';
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

/*
 * A request to an endpoint the workspace no longer lists goes out anyway, so the user reads
 * the server's own answer (a retired model's 404) instead of a "not found" from a lookup.
 */
describe('startChat × an endpoint the workspace does not list', () => {
  const RETIRED = 'databricks-dbrx-instruct-retired';
  const RETIRED_STREAM = randomUUID();
  const SAID = `The endpoint ${RETIRED} has been retired. Please use another model.`;
  let dir: string;
  let services: StudioServices;
  let events: StreamEvent[];
  const session: Session = { id: 'w1', emit: (event) => events.push(event) };
  const call = (channel: string, payload?: unknown) => services.router.handle(channel, payload, session);

  beforeEach(async () => {
    events = [];
    dir = await mkdtemp(path.join(tmpdir(), 'studio-models-'));
    const noSecrets: SecretStore = {
      isAvailable: async () => true,
      set: async () => {},
      get: async () => null,
      remove: async () => {},
      has: async () => false,
    };
    services = await createStudioServices({
      userDataDir: dir,
      mode: 'browser',
      version: '0',
      secretStore: noSecrets,
    });
    const used = await call('workspaces:use-demo');
    if (!used.ok) throw new Error(used.error.message);
    const host = (used.value as { host: string }).host;
    const patch = {
      ttftMs: 0,
      faults: [
        {
          type: 'http-error',
          status: 404,
          errorCode: 'RESOURCE_DOES_NOT_EXIST',
          message: SAID,
          endpoint: RETIRED,
        },
      ],
    };
    const res = await fetch(`${host}/__demo/config`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      body: JSON.stringify(patch),
    });
    expect(res.status).toBe(200);
  });
  afterEach(async () => {
    await services.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  async function ending(streamId: string): Promise<StreamEvent> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const end = events.find((e) => e.streamId === streamId && isTerminalEvent(e));
      if (end) return end;
      if (Date.now() > deadline) throw new Error('the stream never ended');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it("ends with the invocation's retired 404, in the server's words", async () => {
    const started = await call('chat:start', {
      streamId: RETIRED_STREAM,
      endpoint: RETIRED,
      messages: [{ role: 'user', content: 'Hello' }],
      params: {},
    });
    expect(started).toMatchObject({ ok: true });
    const end = await ending(RETIRED_STREAM);
    expect(end).toMatchObject({
      type: 'error',
      partial: false,
      error: { code: 'NOT_FOUND', retired: true, status: 404, serverMessage: SAID },
    });
  });

  it('still refuses parameters outside the chat limits without the metadata', async () => {
    const started = await call('chat:start', {
      streamId: randomUUID(),
      endpoint: RETIRED,
      messages: [{ role: 'user', content: 'Hello' }],
      params: { temperature: 5 },
    });
    expect(started).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
