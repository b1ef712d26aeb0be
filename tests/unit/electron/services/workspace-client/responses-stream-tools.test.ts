import { describe, expect, it } from 'vitest';
import { MetricsRecorder } from '../../../../../electron/services/workspace-client/metrics';
import { ResponsesStreamParser } from '../../../../../electron/services/workspace-client/responses-stream';
import { readSseJson } from '../../../../../electron/services/workspace-client/sse';
import { StreamOutput } from '../../../../../electron/services/workspace-client/stream-output';
import { RESPONSES_TOOL_CALLS, RESPONSES_TOOL_CALLS_CALLS, recordingSink } from './recorded-streams';

/* Function calls in a plain (non-agent) Responses API answer, as GPT-5.x endpoints send them. */

async function* chunks(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}

async function parse(parts: Uint8Array[]) {
  const { calls, sink } = recordingSink();
  const out = new StreamOutput(sink, new MetricsRecorder());
  const parser = new ResponsesStreamParser(out, null, { endpoint: 'databricks-gpt-5-5' });
  for await (const value of readSseJson(chunks(parts), { endpoint: 'databricks-gpt-5-5' }))
    parser.event(value);
  parser.end();
  return { calls, reasons: out.finishReasons, out };
}

describe('ResponsesStreamParser function calls (non-agent answers)', () => {
  const bytes = new TextEncoder().encode(RESPONSES_TOOL_CALLS);

  it('writes the text, then one function_call item per call, once, and finishes', async () => {
    const { calls, reasons, out } = await parse([bytes]);
    expect(calls).toEqual(RESPONSES_TOOL_CALLS_CALLS);
    expect(reasons).toEqual(['tool_calls']);
    expect(out.hasOutput).toBe(true);
  });

  it('gives the same calls at every byte split', async () => {
    for (let i = 1; i < bytes.length; i++) {
      const { calls } = await parse([bytes.subarray(0, i), bytes.subarray(i)]);
      if (JSON.stringify(calls) !== JSON.stringify(RESPONSES_TOOL_CALLS_CALLS))
        expect({ splitAt: i, calls }).toEqual({ splitAt: i, calls: RESPONSES_TOOL_CALLS_CALLS });
    }
  });

  it('reads the calls of a whole (non-streamed) answer, and a tool-call-only answer is timed', () => {
    let t = 0;
    const rec = new MetricsRecorder({ now: () => t, wallNow: () => 0 });
    rec.markSent();
    t = 120;
    rec.markWhole();
    const { calls, sink } = recordingSink();
    const out = new StreamOutput(sink, rec);
    new ResponsesStreamParser(out, null).whole({
      model: 'gpt-5-5-2026',
      status: 'completed',
      output: [
        { type: 'function_call', id: 'fc_9', call_id: 'call_9', name: 'lookup', arguments: '{"id":7}' },
        // A call without a call id answers to its item id.
        { type: 'function_call', id: 'fc_10', name: 'lookup', arguments: '{"id":8}' },
      ],
    });
    expect(calls.filter((c) => c[0] === 'item')).toEqual([
      [
        'item',
        0,
        { type: 'function_call', id: 'fc_9', callId: 'call_9', name: 'lookup', arguments: '{"id":7}' },
      ],
      [
        'item',
        0,
        { type: 'function_call', id: 'fc_10', callId: 'fc_10', name: 'lookup', arguments: '{"id":8}' },
      ],
    ]);
    expect(out.finishReasons).toEqual(['tool_calls']);
    expect(rec.finish().ttftMs).toBe(120);
  });
});
