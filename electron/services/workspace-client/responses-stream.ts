import { type StudioError, StudioFailure } from '../../../shared/errors';
import { ChatStreamParser } from './chat-stream';
import { type ErrorContext, errorFromStreamObject } from './http-errors';
import { type ItemKind, int, OutputItems, str } from './responses-items';
import type { StreamOutput, StreamParser } from './stream-output';
import { isObj } from './transport';

/*
 * The Responses API's streaming events (and agents', which speak it on their invocations
 * route) → StreamOutput, for one choice (index 0): message text as deltas, reasoning summaries
 * as reasoning pieces, tool calls and outputs as whole items, usage and the finish reason from
 * the final `response.completed` / `response.incomplete` (`tool_calls` when the answer ends
 * with calls it has no outputs for, as Chat Completions says it); `response.failed` and `error`
 * events fail the generation like an error inside a chat stream. Unknown events are ignored.
 */

type Obj = Record<string, unknown>;

/** Where an event points: its item (by id or output index) and the part inside it. */
const where = (ev: Obj, part: unknown) => ({
  id: str(ev.item_id),
  index: int(ev.output_index),
  part: int(part) ?? 0,
});

/**
 * The finish reason of a finished response, in Chat Completions' words: completed → `stop`;
 * incomplete for `max_output_tokens` → `length`; other incomplete reasons as the server named
 * them.
 */
export function finishReasonOf(response: Obj, incompleteEvent = false): string {
  const status = str(response.status) ?? (incompleteEvent ? 'incomplete' : 'completed');
  if (status === 'completed') return 'stop';
  if (status !== 'incomplete') return status;
  const details = isObj(response.incomplete_details) ? response.incomplete_details : {};
  const reason = str(details.reason);
  return reason === 'max_output_tokens' ? 'length' : (reason ?? 'incomplete');
}

const SERVER_ERROR: StudioError = {
  code: 'SERVER',
  message: 'The server reported an error during the response.',
};

/** Reads one Responses API answer, streamed or whole; see the file comment. */
export class ResponsesStreamParser implements StreamParser {
  private readonly items: OutputItems;

  constructor(
    private readonly out: StreamOutput,
    private readonly headerModel: string | null,
    private readonly ctx: ErrorContext = {},
  ) {
    this.items = new OutputItems(out);
  }

  event(value: unknown): void {
    if (!isObj(value)) return;
    const type = str(value.type) ?? '';
    const response = isObj(value.response) ? value.response : null;
    this.out.start(this.headerModel ?? str(response?.model) ?? null);
    this.out.choice(0);
    if (type === 'error') this.fail(value);
    if (type === 'response.failed') this.fail({ error: response?.error ?? null });
    // `responses.completed` is how some agent servers spell it.
    if (type === 'response.completed' || type === 'responses.completed' || type === 'response.incomplete')
      this.finished(response ?? {}, type === 'response.incomplete');
    else if (type === 'response.output_item.added' || type === 'response.output_item.done') {
      if (!isObj(value.item)) return;
      const index = int(value.output_index);
      if (type.endsWith('.done')) this.items.done(value.item, index);
      else this.added(value.item, index);
    } else if (type === 'function_call_output') this.items.done(value, undefined);
    else this.partEvent(type, value);
  }

  whole(answer: unknown): void {
    if (!isObj(answer)) return;
    // An agent that answers in the Chat Completions shape instead.
    if (!Array.isArray(answer.output) && Array.isArray(answer.choices)) {
      new ChatStreamParser(this.out, this.headerModel).whole(answer);
      return;
    }
    this.out.start(this.headerModel ?? str(answer.model) ?? null);
    this.out.choice(0);
    this.output(answer.output);
    this.out.usage(answer.usage);
    if (answer.status !== undefined || Array.isArray(answer.output))
      this.out.finish(0, this.reasonOf(answer));
  }

  end(): void {
    this.items.flush();
  }

  private added(item: Obj, index: number | undefined): void {
    const state = this.items.forItem(item, index);
    if (state.kind === 'function_call' && typeof item.arguments === 'string') state.args = item.arguments;
  }

  /** Events about a part of an item: text, reasoning summaries, function-call arguments. */
  private partEvent(type: string, ev: Obj): void {
    const kind: ItemKind | null = type.startsWith('response.reasoning_summary')
      ? 'reasoning'
      : type.startsWith('response.function_call_arguments')
        ? 'function_call'
        : type.startsWith('response.output_text') || type.startsWith('response.content_part')
          ? 'message'
          : null;
    if (!kind) return;
    const at = where(ev, kind === 'reasoning' ? ev.summary_index : ev.content_index);
    const state = this.items.find(kind, at.id, at.index);
    const part = isObj(ev.part) ? ev.part : null;
    switch (type) {
      case 'response.output_text.delta':
      case 'response.reasoning_summary_text.delta':
        this.items.write(state, at.part, str(ev.delta) ?? '');
        return;
      case 'response.output_text.done':
      case 'response.reasoning_summary_text.done':
        this.items.complete(state, at.part, ev.text);
        return;
      case 'response.content_part.added':
      case 'response.content_part.done':
        if (part?.type === 'output_text') this.items.complete(state, at.part, part.text);
        return;
      case 'response.reasoning_summary_part.added':
        this.items.complete(state, at.part, part?.text);
        return;
      case 'response.reasoning_summary_part.done':
        if (part) this.items.summaryPart(state, at.part, part);
        return;
      case 'response.function_call_arguments.delta':
        this.items.callArguments(state, str(ev.delta) ?? '');
        return;
      case 'response.function_call_arguments.done':
        if (typeof ev.arguments === 'string') state.args = ev.arguments;
        state.name ??= str(ev.name);
        // The call id comes with the item (output_item.added); without it, wait for item.done.
        if (state.callId !== undefined) this.items.emitCall(state);
    }
  }

  /**
   * The answer's output items, in order: all of them for a whole answer or a stream that
   * wrote nothing yet; else only those already seen (their text the deltas did not carry),
   * since an item that can't be matched to a streamed one may be one written already.
   */
  private output(list: unknown, onlyKnown = false): void {
    if (!Array.isArray(list)) return;
    list.forEach((item, k) => {
      if (isObj(item) && (!onlyKnown || this.items.knows(item, k))) this.items.done(item, k);
    });
  }

  private finished(response: Obj, incomplete: boolean): void {
    // A server that streams only the lifecycle events still sends the output at the end.
    this.output(response.output, this.out.hasOutput);
    this.items.flush();
    this.out.usage(response.usage);
    this.out.finish(0, this.reasonOf(response, incomplete));
  }

  /** The finish reason, with a completed answer that ends in unanswered calls as `tool_calls`. */
  private reasonOf(response: Obj, incomplete = false): string {
    const reason = finishReasonOf(response, incomplete);
    return reason === 'stop' && this.items.awaitsResults ? 'tool_calls' : reason;
  }

  /** An `error` event or a failed response: the same StudioError a chat stream's error gives. */
  private fail(envelope: Obj): never {
    const error = isObj(envelope.error) ? { error: envelope.error } : envelope;
    throw new StudioFailure(errorFromStreamObject(error, this.ctx) ?? SERVER_ERROR);
  }
}
