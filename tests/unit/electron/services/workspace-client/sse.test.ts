import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectSseJson, readSseJson } from '../../../../../electron/services/workspace-client/sse';
import { StudioFailure } from '../../../../../shared/errors';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../../fixtures/sse/${name}`, import.meta.url))));

/** Yields the given chunks as an async byte source. */
async function* chunks(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}

const whole = (bytes: Uint8Array) => chunks([bytes]);
const splitAt = (bytes: Uint8Array, i: number) => chunks([bytes.subarray(0, i), bytes.subarray(i)]);
const oneByte = (bytes: Uint8Array) => chunks(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)));

/** Outcome of reading a stream fully: values, end, or the error's code. */
async function outcome(source: AsyncIterable<Uint8Array>) {
  const values: unknown[] = [];
  try {
    const iterator = readSseJson(source);
    for (;;) {
      const step = await iterator.next();
      if (step.done) return { values, end: step.value };
      values.push(step.value);
    }
  } catch (err) {
    if (!(err instanceof StudioFailure)) throw err;
    return { values, error: err.error };
  }
}

/** The streamed chat text of parsed chunks. */
const chatText = (values: unknown[]) =>
  values
    .map((v) => (v as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content ?? '')
    .join('');

const EXPECTED_TEXT = 'Hola! Café crème brûlée — naïve. 你好，世界。日本語のテキスト 🙂👩‍💻🚀 done ✓';

describe('readSseJson', () => {
  it('parses a recorded chat stream with multi-byte UTF-8, comments, multi-line data and [DONE]', async () => {
    const result = await outcome(whole(fixture('chat-unicode.lf.sse')));
    expect(result.end).toEqual({ sawDone: true });
    expect(chatText(result.values)).toBe(EXPECTED_TEXT);
    // role chunk + 8 text chunks + multi-line chunk + finish chunk + usage chunk; nothing after [DONE].
    expect(result.values).toHaveLength(12);
    expect(result.values.at(-1)).toMatchObject({ usage: { completion_tokens: 21 } });
  });

  it.each(['lf', 'crlf', 'cr'])('gives identical output for %s line endings', async (ending) => {
    const reference = await outcome(whole(fixture('chat-unicode.lf.sse')));
    expect(await outcome(whole(fixture(`chat-unicode.${ending}.sse`)))).toEqual(reference);
  });

  it.each([
    'chat-unicode.lf.sse',
    'chat-unicode.crlf.sse',
    'chat-unicode.cr.sse',
    'completion-no-done.sse',
    'error-in-stream.sse',
    'not-json.sse',
    'error-after-cut-event.sse',
  ])('gives identical output for %s split at every byte boundary and in 1-byte chunks', async (name) => {
    const bytes = fixture(name);
    const reference = await outcome(whole(bytes));
    for (let i = 1; i < bytes.length; i++) {
      const split = await outcome(splitAt(bytes, i));
      if (JSON.stringify(split) !== JSON.stringify(reference))
        expect({ splitAt: i, split }).toEqual({ splitAt: i, split: reference });
    }
    expect(await outcome(oneByte(bytes))).toEqual(reference);
  });

  it('reads a stream that ends without [DONE] (usage on every chunk, CRLF)', async () => {
    const { values, end } = await collectSseJson(whole(fixture('completion-no-done.sse')));
    expect(end).toEqual({ sawDone: false });
    expect(values).toHaveLength(4);
    expect(values.map((v) => (v as { choices: { text: string }[] }).choices[0]!.text).join('')).toContain(
      'return fibonacci(n - 1) + fibonacci(n - 2)',
    );
  });

  it('maps a Databricks error object inside a 200 stream, after yielding the content before it', async () => {
    const result = await outcome(whole(fixture('error-in-stream.sse')));
    expect(chatText(result.values)).toBe('Partial answer');
    expect(result.error).toMatchObject({
      code: 'RATE_LIMITED',
      limit: 'output-tokens',
      status: 429,
      serverCode: 'REQUEST_LIMIT_EXCEEDED',
    });
  });

  it('maps an OpenAI-style error object inside a 200 stream', async () => {
    const result = await outcome(whole(fixture('openai-error-in-stream.sse')));
    expect(chatText(result.values)).toBe('Hi');
    expect(result.error).toMatchObject({ code: 'SERVER', serverCode: 'server_error' });
    expect(result.error?.serverMessage).toContain('The server had an error');
  });

  it('reports the server’s error written on the same line as an event it cut off, not "not JSON"', async () => {
    const result = await outcome(whole(fixture('error-after-cut-event.sse')));
    expect(chatText(result.values)).toBe('Partial ');
    expect(result.error).toMatchObject({ code: 'SERVER', status: 500, serverCode: 'INTERNAL_ERROR' });
    expect(result.error?.serverMessage).toBe('Model server error');
    expect(result.error?.message).not.toContain('not JSON');
  });

  it('recovers the embedded error whatever the chunking of the line, UTF-8 split included', async () => {
    const line =
      'data: {"id":"chatcmpl_9","choices":[{"index":0,"delta":{"content":"café 🙂data: {"error_code":"INTERNAL_ERROR","message":"Model server error — GPU lost"}\n\n';
    const bytes = new TextEncoder().encode(line);
    for (let i = 1; i < bytes.length; i++) {
      const result = await outcome(splitAt(bytes, i));
      expect(result.error?.serverMessage, `split at ${i}`).toBe('Model server error — GPU lost');
    }
    expect((await outcome(oneByte(bytes))).error).toMatchObject({ serverCode: 'INTERNAL_ERROR' });
  });

  it('reports non-JSON data as BAD_RESPONSE', async () => {
    const result = await outcome(whole(fixture('not-json.sse')));
    expect(result.values).toHaveLength(1);
    expect(result.error).toMatchObject({ code: 'BAD_RESPONSE' });
    expect(result.error?.message).toContain('this is not json');
  });

  it('reports a body that is not an event stream at all (HTML behind a 200) as BAD_RESPONSE', async () => {
    const result = await outcome(whole(fixture('html-200.sse')));
    expect(result.error).toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('treats an empty body as a stream that ended without events', async () => {
    expect(await outcome(chunks([]))).toEqual({ values: [], end: { sawDone: false } });
  });

  it('delivers the last event when the stream ends without the final blank line', async () => {
    const bytes = new TextEncoder().encode('data: {"a":1}\n\ndata: {"b":2}');
    expect(await outcome(whole(bytes))).toEqual({ values: [{ a: 1 }, { b: 2 }], end: { sawDone: false } });
  });

  it('reports a stream truncated mid-JSON as BAD_RESPONSE instead of dropping it', async () => {
    const bytes = new TextEncoder().encode('data: {"a":1}\n\ndata: {"b":');
    const result = await outcome(whole(bytes));
    expect(result.values).toEqual([{ a: 1 }]);
    expect(result.error).toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('skips empty keep-alive data events and maps `event: error`', async () => {
    const bytes = new TextEncoder().encode('data:\n\nevent: error\ndata: {"detail":"boom"}\n\n');
    const result = await outcome(whole(bytes));
    expect(result.values).toEqual([]);
    expect(result.error).toMatchObject({ code: 'SERVER' });
  });

  it('reads a fetch-style ReadableStream and cancels it when the consumer stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: {"n":1}\n\ndata: {"n":2}\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const value of readSseJson(stream)) {
      expect(value).toEqual({ n: 1 });
      break;
    }
    expect(cancelled).toBe(true);
  });

  it('lets errors of the byte source propagate unchanged', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('data: {"n":1}\n\n');
      throw new Error('socket hang up');
    }
    await expect(collectSseJson(failing())).rejects.toThrow('socket hang up');
  });
});

describe('readSseJson: each rule on its own', () => {
  const text = (s: string) => whole(new TextEncoder().encode(s));

  it('stops at [DONE], surrounding spaces and all, ignoring whatever follows', async () => {
    expect(await outcome(text('data: {"a":1}\n\ndata:  [DONE]  \n\ndata: {"b":2}\n\n'))).toEqual({
      values: [{ a: 1 }],
      end: { sawDone: true },
    });
  });

  it('stops at a [DONE] that arrives without its final blank line', async () => {
    expect(await outcome(text('data: {"a":1}\n\ndata: [DONE]'))).toEqual({
      values: [{ a: 1 }],
      end: { sawDone: true },
    });
  });

  it('parses data with spaces around the JSON', async () => {
    expect((await outcome(text('data:   {"a":1}   \n\n'))).values).toEqual([{ a: 1 }]);
  });

  it('skips keep-alives made of spaces only, and still sees the stream as an event stream', async () => {
    expect(await outcome(text('data:    \n\n: comment\n\n'))).toEqual({
      values: [],
      end: { sawDone: false },
    });
  });

  it('quotes at most 80 characters of non-JSON data', async () => {
    const junk = `${'x'.repeat(80)}TAIL`;
    const { error } = await outcome(text(`data: ${junk}\n\n`));
    expect(error).toEqual({
      code: 'BAD_RESPONSE',
      message: `The server sent something that is not JSON in the stream: "${'x'.repeat(80)}".`,
    });
  });

  it('quotes non-JSON data without the spaces around it', async () => {
    const { error } = await outcome(text('data:    not json   \n\n'));
    expect(error?.message).toBe('The server sent something that is not JSON in the stream: "not json".');
    const failed = await outcome(text('event: error\ndata:    overloaded   \n\n'));
    expect(failed.error?.message).toBe('The server reported an error during the response: overloaded');
  });

  it('reports non-JSON data of an `event: error` as the server error, quoting at most 300 characters', async () => {
    const words = `${'y'.repeat(300)}TAIL`;
    const { error } = await outcome(text(`event: error\ndata: ${words}\n\n`));
    expect(error).toEqual({
      code: 'SERVER',
      message: `The server reported an error during the response: ${'y'.repeat(300)}`,
    });
  });

  it('reports JSON data of an `event: error` that is no known error object in plain words', async () => {
    const { error } = await outcome(text('event: error\ndata: {"n":1}\n\n'));
    expect(error).toEqual({ code: 'SERVER', message: 'The server reported an error during the response.' });
  });

  it('yields JSON data of other named events as values', async () => {
    expect(
      (await outcome(text('event: message\ndata: {"n":1}\n\nevent: ping\ndata: {"n":2}\n\n'))).values,
    ).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('refuses an event larger than 16 MB without a line break', async () => {
    const big = new Uint8Array(16 * 1024 * 1024 + 10).fill(0x78);
    const head = new TextEncoder().encode('data: ');
    const { error } = await outcome(chunks([head, big]));
    expect(error).toEqual({
      code: 'BAD_RESPONSE',
      message: 'The server sent an event larger than 16 MB without a line break.',
    });
  });

  it('reads an event just under 16 MB', async () => {
    const payload = `"${'z'.repeat(8 * 1024 * 1024)}"`;
    const { values } = await outcome(text(`data: ${payload}\n\n`));
    expect((values[0] as string).length).toBe(8 * 1024 * 1024);
  });

  it('names a body with stray lines and no event as not an event stream, in those words', async () => {
    const { error } = await outcome(text('<html>\n<body>Sign in</body>\n</html>\n'));
    expect(error).toEqual({
      code: 'BAD_RESPONSE',
      message: 'The server answered with something that is not an event stream.',
    });
  });

  it('tolerates stray lines once a real event came', async () => {
    expect(await outcome(text('data: {"a":1}\n\nnonsense line\n\n'))).toEqual({
      values: [{ a: 1 }],
      end: { sawDone: false },
    });
  });

  it('decodes a multi-byte character split across chunks once, whole', async () => {
    const bytes = new TextEncoder().encode('data: "é🙂"\n\n');
    // Split inside the emoji's four bytes, and leave the last chunk ending mid-line.
    const parts = [bytes.subarray(0, 10), bytes.subarray(10, 12), bytes.subarray(12)];
    expect((await outcome(chunks(parts))).values).toEqual(['é🙂']);
  });

  it('flushes a trailing partial character at the end rather than dropping the event', async () => {
    const bytes = new TextEncoder().encode('data: "ok"\n\ndata: "é');
    const { error, values } = await outcome(whole(bytes.subarray(0, bytes.length - 1)));
    expect(values).toEqual(['ok']);
    // The cut character becomes U+FFFD and the JSON is unterminated: reported, not dropped.
    expect(error?.code).toBe('BAD_RESPONSE');
    expect(error?.message).toContain('"\uFFFD');
  });

  it('passes the error context on to the mapped error', async () => {
    const body = 'data: {"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}\n\n';
    const iterator = readSseJson(text(body), { endpoint: 'my-endpoint' });
    await expect(iterator.next()).rejects.toMatchObject({
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('"my-endpoint"') },
    });
  });

  it('collects values and the end with collectSseJson', async () => {
    expect(await collectSseJson(text('data: 1\n\ndata: 2\n\ndata: [DONE]\n\n'))).toEqual({
      values: [1, 2],
      end: { sawDone: true },
    });
  });
});
