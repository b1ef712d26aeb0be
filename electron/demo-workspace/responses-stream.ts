import type { SseScript } from './paced-sse';
import { type PlannedItem, type ResponsePlan, responseJson } from './responses-output';

/**
 * A Responses API answer as typed server-sent events (`event: <type>` then `data: {type,
 * sequence_number, …}`), paced one token per step: `response.created`, `response.in_progress`,
 * then per output item `response.output_item.added`, its part and delta events, and
 * `response.output_item.done`; finally `response.completed` (or `response.incomplete` when
 * max_output_tokens cut it) with the whole response and usage. No `[DONE]` line follows, as
 * with OpenAI. Events that carry no token ride with the next (or last) token.
 */

type Payload = Record<string, unknown>;

/** One chunk of the event sequence and whether it carries a token. */
interface Chunk {
  text: string;
  token: boolean;
}

const DEFAULT_STREAM_ERROR = 'The model encountered an internal error while generating. Please retry.';

/** Numbers events in order and renders them as SSE. */
class EventWriter {
  private seq = 0;

  event(type: string, payload: Payload): string {
    const data = { type, sequence_number: this.seq, ...payload };
    this.seq += 1;
    return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
  }
}

/** Opening and closing events of an item's parts, and each token's delta event. */
function* itemChunks(w: EventWriter, item: PlannedItem, outputIndex: number): Generator<Chunk> {
  const at = { item_id: item.id, output_index: outputIndex };
  yield {
    text: w.event('response.output_item.added', { output_index: outputIndex, item: item.added }),
    token: false,
  };
  const full = item.pieces.join('');
  if (item.kind === 'reasoning') {
    const part = { ...at, summary_index: 0 };
    yield {
      text: w.event('response.reasoning_summary_part.added', {
        ...part,
        part: { type: 'summary_text', text: '' },
      }),
      token: false,
    };
    for (const delta of item.pieces)
      yield { text: w.event('response.reasoning_summary_text.delta', { ...part, delta }), token: true };
    yield { text: w.event('response.reasoning_summary_text.done', { ...part, text: full }), token: false };
    yield {
      text: w.event('response.reasoning_summary_part.done', {
        ...part,
        part: { type: 'summary_text', text: full },
      }),
      token: false,
    };
  } else if (item.kind === 'message') {
    const part = { ...at, content_index: 0 };
    const empty = { type: 'output_text', text: '', annotations: [] };
    yield { text: w.event('response.content_part.added', { ...part, part: empty }), token: false };
    for (const delta of item.pieces)
      yield { text: w.event('response.output_text.delta', { ...part, delta, logprobs: [] }), token: true };
    yield { text: w.event('response.output_text.done', { ...part, text: full, logprobs: [] }), token: false };
    yield {
      text: w.event('response.content_part.done', { ...part, part: { ...empty, text: full } }),
      token: false,
    };
  } else if (item.kind === 'function_call') {
    for (const delta of item.pieces)
      yield { text: w.event('response.function_call_arguments.delta', { ...at, delta }), token: true };
    const name = item.done.name;
    yield {
      text: w.event('response.function_call_arguments.done', { ...at, name, arguments: full }),
      token: false,
    };
  }
  yield {
    text: w.event('response.output_item.done', { output_index: outputIndex, item: item.done }),
    token: false,
  };
}

function* bodyChunks(w: EventWriter, plan: ResponsePlan): Generator<Chunk> {
  for (const [index, item] of plan.items.entries()) yield* itemChunks(w, item, index);
}

/** The paced script of one Responses answer. */
export function responsesScript(plan: ResponsePlan): SseScript {
  const w = new EventWriter();
  const chunks = bodyChunks(w, plan);
  const tokens = plan.items.reduce((n, item) => n + item.pieces.length, 0);
  /** Pulls chunks up to and including the next token (or to the end). */
  const pull = (): string => {
    let text = '';
    for (let next = chunks.next(); !next.done; next = chunks.next()) {
      text += next.value.text;
      if (next.value.token) break;
    }
    return text;
  };
  return {
    steps: Math.max(1, tokens),
    opening: () =>
      w.event('response.created', { response: responseJson(plan, 'in_progress') }) +
      w.event('response.in_progress', { response: responseJson(plan, 'in_progress') }),
    step: (s) => {
      const text = pull();
      return { text, tokens: s < tokens ? 1 : 0 };
    },
    closing: () => {
      let rest = '';
      for (let next = chunks.next(); !next.done; next = chunks.next()) rest += next.value.text;
      const type = plan.status === 'completed' ? 'response.completed' : 'response.incomplete';
      return rest + w.event(type, { response: responseJson(plan, 'final') });
    },
    malformed: () =>
      'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"this chunk is cut short\n\n',
    failure(streamFault) {
      const code = streamFault.errorCode ?? 'INTERNAL_ERROR';
      const message = streamFault.message ?? DEFAULT_STREAM_ERROR;
      if (streamFault.responsesEvent === 'response.failed') {
        const response = { ...responseJson(plan, 'in_progress'), status: 'failed', error: { code, message } };
        return w.event('response.failed', { response });
      }
      return w.event('error', { code, message, param: null });
    },
  };
}
