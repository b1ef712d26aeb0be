import type { StreamOutput } from './stream-output';
import { isObj } from './transport';

/*
 * Chat Completions tool calls, assembled per choice. Streamed, a call comes as
 * `delta.tool_calls[{index, id?, type?, function: {name?, arguments?}}]` fragments: the id and
 * name usually in the first, the arguments split anywhere and concatenated; several calls may
 * interleave (each fragment names its call by `index`), and a fragment may carry only the
 * index. Whole (non-streamed), `message.tool_calls[{id, type, function: {name, arguments}}]`
 * carries each call at once, with no index. Both go through `add`.
 *
 * A call is written as one `function_call` item once its choice is done — at the choice's
 * `finish_reason`, or at the end of a stream that never sent one — in call-index order; the
 * text the model wrote before the calls went out as deltas already. A call without an id gets
 * `call_<choice>_<index>`, stable across reads of the same answer.
 *
 * Timing: every fragment is model output the user is waiting on, so it counts as output
 * (`StreamOutput.pending`): the first fragment is the first token (TTFT), the arguments count
 * towards the estimated tokens/s, and no retry happens once a call has begun.
 */

interface PendingCall {
  id?: string;
  name?: string;
  arguments: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Arguments as the model wrote them; an object (some servers send one) as its JSON. */
function argumentsText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  try {
    return JSON.stringify(v);
  } catch {
    return '';
  }
}

/** The tool calls of every choice of one answer, until each choice is done; see the file comment. */
export class ToolCallAssembler {
  private readonly choices = new Map<number, Map<number, PendingCall>>();

  constructor(private readonly out: StreamOutput) {}

  /**
   * Reads a `tool_calls` array for choice `choice`: a delta's fragments, or (`whole`) a whole
   * message's calls, where an entry without an index is the call at its position.
   */
  add(choice: number, toolCalls: unknown, whole = false): void {
    if (!Array.isArray(toolCalls)) return;
    const calls = this.calls(choice);
    toolCalls.forEach((entry, position) => {
      if (!isObj(entry)) return;
      const fn = isObj(entry.function) ? entry.function : {};
      const id = str(entry.id);
      const index = this.indexOf(calls, whole && entry.index === undefined ? position : entry.index, id);
      let call = calls.get(index);
      if (!call) {
        call = { arguments: '' };
        calls.set(index, call);
      }
      // The first id and name win: some servers repeat them on every fragment.
      call.id ??= id;
      call.name ??= str(fn.name);
      const args = argumentsText(fn.arguments);
      call.arguments += args;
      this.out.pending(choice, (str(fn.name) ?? '').length + args.length);
    });
  }

  /** Writes choice `choice`'s calls as items, in index order, and forgets them. */
  flush(choice: number): void {
    const calls = this.choices.get(choice);
    if (!calls) return;
    this.choices.delete(choice);
    for (const [index, call] of [...calls].sort((a, b) => a[0] - b[0])) {
      this.out.item(choice, {
        type: 'function_call',
        callId: call.id ?? `call_${choice}_${index}`,
        name: call.name ?? '',
        arguments: call.arguments,
      });
    }
  }

  /** Writes every choice's remaining calls (a stream that ended without finish reasons). */
  flushAll(): void {
    for (const choice of [...this.choices.keys()].sort((a, b) => a - b)) this.flush(choice);
  }

  private calls(choice: number): Map<number, PendingCall> {
    let calls = this.choices.get(choice);
    if (!calls) {
      calls = new Map();
      this.choices.set(choice, calls);
    }
    return calls;
  }

  /**
   * Which call a fragment extends: its `index` when it has one; without one (whole messages,
   * and servers that omit it), the call with the same id, a new call for a new id, else the
   * latest call.
   */
  private indexOf(calls: Map<number, PendingCall>, raw: unknown, id: string | undefined): number {
    if (Number.isInteger(raw) && (raw as number) >= 0) return raw as number;
    const next = calls.size === 0 ? 0 : Math.max(...calls.keys()) + 1;
    if (id === undefined) return calls.size === 0 ? 0 : next - 1;
    for (const [index, call] of calls) if (call.id === id) return index;
    return next;
  }
}
