import { describe, expect, it } from 'vitest';
import { MetricsRecorder } from '../../../../../electron/services/workspace-client/metrics';
import {
  finishReasonOf,
  ResponsesStreamParser,
} from '../../../../../electron/services/workspace-client/responses-stream';
import { readSseJson } from '../../../../../electron/services/workspace-client/sse';
import { StreamOutput } from '../../../../../electron/services/workspace-client/stream-output';
import { StudioFailure } from '../../../../../shared/errors';
import {
  AGENT_ANSWER,
  AGENT_ANSWER_CALLS,
  RESPONSES_ANSWER,
  RESPONSES_ANSWER_CALLS,
  recordingSink,
} from './recorded-streams';

/* The Responses API's streaming events (and agents') into sink calls. */

async function* chunks(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}

function setup() {
  const { calls, sink } = recordingSink();
  const out = new StreamOutput(sink, new MetricsRecorder());
  const parser = new ResponsesStreamParser(out, null, { endpoint: 'gpt' });
  return { calls, out, parser };
}

/** Reads SSE bytes (in pieces) through the parser, as the stream invocation does. */
async function parse(parts: Uint8Array[]) {
  const { calls, out, parser } = setup();
  for await (const value of readSseJson(chunks(parts), { endpoint: 'gpt' })) parser.event(value);
  parser.end();
  return { calls, reasons: out.finishReasons };
}

/** Feeds event objects directly; returns the calls after `start`. */
function feed(...events: unknown[]) {
  const { calls, out, parser } = setup();
  for (const e of events) parser.event(e);
  parser.end();
  return { calls: calls.filter((c) => c[0] !== 'start'), reasons: out.finishReasons };
}

/** The error a parse or feed threw. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    if (err instanceof StudioFailure) return err.error;
    throw err;
  }
  throw new Error('nothing thrown');
}

const textDelta = (id: string, delta: string) => ({ type: 'response.output_text.delta', item_id: id, delta });

describe('ResponsesStreamParser', () => {
  it('reads a streamed answer: reasoning summary parts, text, usage, completed → stop', async () => {
    const { calls, reasons } = await parse([new TextEncoder().encode(RESPONSES_ANSWER)]);
    expect(calls).toEqual(RESPONSES_ANSWER_CALLS);
    expect(reasons).toEqual(['stop']);
  });

  it('gives the same calls at byte splits throughout the stream', async () => {
    const bytes = new TextEncoder().encode(RESPONSES_ANSWER);
    for (let i = 1; i < bytes.length; i += 7) {
      const { calls } = await parse([bytes.subarray(0, i), bytes.subarray(i)]);
      if (JSON.stringify(calls) !== JSON.stringify(RESPONSES_ANSWER_CALLS))
        expect({ splitAt: i, calls }).toEqual({ splitAt: i, calls: RESPONSES_ANSWER_CALLS });
    }
  });

  it("streams an agent's items in order: reasoning, tool call, its output, then text once", async () => {
    const { calls, reasons } = await parse([new TextEncoder().encode(AGENT_ANSWER)]);
    expect(calls).toEqual(AGENT_ANSWER_CALLS);
    expect(reasons).toEqual(['stop']);
  });

  it('keeps signatures and encrypted parts of reasoning, once each', () => {
    const item = {
      id: 'rs',
      type: 'reasoning',
      summary: [
        { type: 'summary_text', text: 'Plan.', signature: 'SIG' },
        { type: 'summary_encrypted_text', data: 'ENC' },
      ],
    };
    const { calls } = feed(
      { type: 'response.reasoning_summary_text.delta', item_id: 'rs', summary_index: 0, delta: 'Plan.' },
      {
        type: 'response.reasoning_summary_part.done',
        item_id: 'rs',
        summary_index: 0,
        part: item.summary[0],
      },
      { type: 'response.output_item.done', output_index: 0, item },
    );
    expect(calls).toEqual([
      ['reasoning', 0, { item: 0, part: 0, text: 'Plan.', itemId: 'rs' }],
      ['reasoning', 0, { item: 0, part: 0, text: '', signature: 'SIG', itemId: 'rs' }],
      ['reasoning', 0, { item: 0, part: 1, text: '', encrypted: 'ENC', itemId: 'rs' }],
    ]);
  });

  it('assembles function-call arguments from deltas, or takes them whole, and writes each call once', () => {
    const added = (id: string, call: string) => ({
      type: 'response.output_item.added',
      output_index: id === 'a' ? 0 : 1,
      item: { type: 'function_call', id, call_id: call, name: 'f', arguments: '' },
    });
    const { calls } = feed(
      added('a', 'c1'),
      { type: 'response.function_call_arguments.delta', output_index: 0, delta: '{"x":' },
      { type: 'response.function_call_arguments.delta', output_index: 0, delta: '1}' },
      { type: 'response.function_call_arguments.done', output_index: 0, arguments: '{"x":1}' },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { type: 'function_call', id: 'a', call_id: 'c1' },
      },
      added('b', 'c2'),
      { type: 'response.function_call_arguments.delta', item_id: 'b', delta: '{}' },
      // No done events for b: written when the stream ends.
    );
    expect(calls).toEqual([
      ['item', 0, { type: 'function_call', id: 'a', callId: 'c1', name: 'f', arguments: '{"x":1}' }],
      ['item', 0, { type: 'function_call', id: 'b', callId: 'c2', name: 'f', arguments: '{}' }],
    ]);
  });

  it('takes a function call whole from output_item.done, and a bare function_call_output chunk', () => {
    const { calls } = feed(
      {
        type: 'response.output_item.done',
        item: { type: 'function_call', call_id: 'c', name: 'search', arguments: '{"q":"x"}' },
      },
      { type: 'function_call_output', call_id: 'c', output: 'found' },
    );
    expect(calls).toEqual([
      ['item', 0, { type: 'function_call', callId: 'c', name: 'search', arguments: '{"q":"x"}' }],
      ['item', 0, { type: 'function_call_output', callId: 'c', output: 'found' }],
    ]);
  });

  it('sets message items apart with a blank line, and writes text that only came whole', () => {
    const { calls } = feed(textDelta('m1', 'Let me check.'), {
      type: 'response.output_item.done',
      item: { type: 'message', id: 'm2', content: [{ type: 'output_text', text: 'Done.' }] },
    });
    expect(calls).toEqual([
      ['delta', 0, 'Let me check.'],
      ['delta', 0, '\n\nDone.'],
    ]);
  });

  it('maps incomplete answers: max_output_tokens → length, others by name', () => {
    const incomplete = (reason: string) => ({
      type: 'response.incomplete',
      response: {
        status: 'incomplete',
        incomplete_details: { reason },
        usage: { input_tokens: 1, output_tokens: 2 },
      },
    });
    expect(feed(textDelta('m', 'cut'), incomplete('max_output_tokens'))).toEqual({
      calls: [
        ['delta', 0, 'cut'],
        ['usage', { promptTokens: 1, completionTokens: 2, totalTokens: 3 }],
      ],
      reasons: ['length'],
    });
    expect(feed(incomplete('content_filter')).reasons).toEqual(['content_filter']);
    expect(finishReasonOf({}, true)).toBe('incomplete');
    expect(finishReasonOf({ status: 'completed' })).toBe('stop');
  });

  it('writes the output of response.completed when nothing streamed before it', () => {
    const { calls, reasons } = feed({
      type: 'response.completed',
      response: {
        status: 'completed',
        output: [{ type: 'message', id: 'm', content: [{ type: 'output_text', text: 'All at once.' }] }],
      },
    });
    expect(calls).toEqual([['delta', 0, 'All at once.']]);
    expect(reasons).toEqual(['stop']);
  });

  it('completes streamed items from the final output, once, and leaves unmatched ones alone', () => {
    const { calls } = feed(
      { type: 'response.reasoning_summary_text.delta', item_id: 'rs', summary_index: 0, delta: 'Hm' },
      textDelta('m1', 'Already'),
      { type: 'function_call_output', call_id: 'c', output: 'x' },
      {
        type: 'response.completed',
        response: {
          status: 'completed',
          output: [
            {
              type: 'reasoning',
              id: 'rs',
              summary: [{ type: 'summary_text', text: 'Hmm.', signature: 'S' }],
            },
            { type: 'message', id: 'm1', content: [{ type: 'output_text', text: 'Already there.' }] },
            // No id: it may be the output written above, so it is not written again.
            { type: 'function_call_output', call_id: 'c', output: 'x' },
          ],
        },
      },
    );
    expect(calls).toEqual([
      ['reasoning', 0, { item: 0, part: 0, text: 'Hm', itemId: 'rs' }],
      ['delta', 0, 'Already'],
      ['item', 0, { type: 'function_call_output', callId: 'c', output: 'x' }],
      ['reasoning', 0, { item: 0, part: 0, text: 'm.', itemId: 'rs' }],
      ['reasoning', 0, { item: 0, part: 0, text: '', signature: 'S', itemId: 'rs' }],
      ['delta', 0, ' there.'],
    ]);
  });

  it('fails on response.failed and on error events with the same errors as chat', () => {
    expect(
      thrown(() =>
        feed({
          type: 'response.failed',
          response: { error: { code: 'server_error', message: 'Model crashed' } },
        }),
      ),
    ).toMatchObject({ code: 'SERVER', message: expect.stringContaining('Model crashed') });
    expect(
      thrown(() =>
        feed({ type: 'error', code: 'rate_limit_exceeded', message: 'Too many requests', param: null }),
      ),
    ).toMatchObject({ code: 'RATE_LIMITED', status: 429, serverCode: 'rate_limit_exceeded' });
    expect(thrown(() => feed({ type: 'response.failed', response: { error: null } }))).toMatchObject({
      code: 'SERVER',
    });
    expect(thrown(() => feed({ type: 'error', message: 'Input is too long for this model.' }))).toMatchObject(
      {
        code: 'CONTEXT_TOO_LONG',
      },
    );
  });

  it('fails with the message of an error event inside an SSE stream, after the text before it', async () => {
    const stream = `event: response.output_text.delta\ndata: ${JSON.stringify(textDelta('m', 'Part'))}\n\nevent: error\ndata: ${JSON.stringify({ type: 'error', code: 'REQUEST_LIMIT_EXCEEDED', message: 'Exceeded output tokens per minute' })}\n\n`;
    const { calls, parser } = setup();
    let error: unknown;
    try {
      for await (const value of readSseJson(chunks([new TextEncoder().encode(stream)]))) parser.event(value);
    } catch (err) {
      error = (err as StudioFailure).error;
    }
    expect(calls.at(-1)).toEqual(['delta', 0, 'Part']);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', limit: 'output-tokens' });
  });

  it('reads a whole JSON answer (an agent that ignored stream: true), and a chat-shaped one', () => {
    const { calls, out, parser } = setup();
    parser.whole({
      object: 'response',
      model: 'agent-model',
      status: 'completed',
      output: [
        { type: 'reasoning', id: 'r', summary: [{ type: 'summary_text', text: 'Hmm.' }] },
        { type: 'function_call', id: 'f', call_id: 'c', name: 'lookup', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c', output: 'ok' },
        { type: 'message', id: 'm', content: [{ type: 'output_text', text: 'Answer.' }] },
      ],
      usage: { input_tokens: 3, output_tokens: 4, total_tokens: 7 },
    });
    expect(calls).toEqual([
      ['start', 'agent-model'],
      ['reasoning', 0, { item: 0, part: 0, text: 'Hmm.', itemId: 'r' }],
      ['item', 0, { type: 'function_call', id: 'f', callId: 'c', name: 'lookup', arguments: '{}' }],
      ['item', 0, { type: 'function_call_output', callId: 'c', output: 'ok' }],
      ['delta', 0, 'Answer.'],
      ['usage', { promptTokens: 3, completionTokens: 4, totalTokens: 7 }],
    ]);
    expect(out.finishReasons).toEqual(['stop']);
    const chat = setup();
    chat.parser.whole({ choices: [{ message: { content: 'Chat shape.' }, finish_reason: 'stop' }] });
    expect(chat.calls).toEqual([
      ['start', null],
      ['delta', 0, 'Chat shape.'],
    ]);
  });

  it('ignores unknown events and odd values', () => {
    const { calls, reasons } = feed(
      { type: 'response.queued' },
      { type: 'response.web_search_call.searching', output_index: 0 },
      { type: 'response.output_text.delta', delta: 42 },
      { type: 'response.output_item.done', item: 'nope' },
      'text',
      null,
    );
    expect(calls).toEqual([]);
    expect(reasons).toEqual([null]);
  });
});
