import type { OutputItem } from '../../../shared/domain';
import type { StreamOutput } from './stream-output';
import { isObj } from './transport';

/*
 * The output items of one Responses API answer (or agent answer), as they stream: each item's
 * kind, the text already written for each of its parts, its tool call as it is assembled.
 * Text arrives as deltas and again, whole, when a part or item is done; only what the deltas
 * did not already carry is written then, so a server that sends only the `done` events (many
 * agents do) and one that sends both give the same output, once. Items are found by their id
 * or their output index, whichever the event carries.
 */

type Obj = Record<string, unknown>;
export type ItemKind = 'message' | 'reasoning' | 'function_call' | 'function_call_output' | 'other';

/** One output item as far as it has streamed. */
export interface ItemState {
  kind: ItemKind;
  id?: string;
  /** For reasoning items: the item number in reasoning events (0, 1… in order). */
  reasoning: number;
  /** Text written so far per part (a message's content index, a reasoning summary index). */
  written: Map<number, string>;
  /** Reasoning parts whose signature (or encrypted data) was written. */
  sealed: Set<number>;
  callId?: string;
  name?: string;
  args: string;
  /** Tool calls and outputs are written once, whole. */
  emitted: boolean;
  /** A function call's arguments streamed (timed as output as they came). */
  streamedArgs?: boolean;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const int = (v: unknown): number | undefined =>
  Number.isInteger(v) && (v as number) >= 0 ? (v as number) : undefined;

const KINDS: readonly ItemKind[] = ['message', 'reasoning', 'function_call', 'function_call_output'];
const kindOf = (type: unknown): ItemKind => (KINDS.includes(type as ItemKind) ? (type as ItemKind) : 'other');

/** Ids and names past the contract's 256 characters are cut rather than failing the event. */
const clip = (v: string) => v.slice(0, 256);

/** A tool output as text: agents may send an object where the API has a string. */
function outputText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return String(v);
  }
}

/** The output items of one answer, and what has been written of each; see the file comment. */
export class OutputItems {
  private readonly byId = new Map<string, ItemState>();
  private readonly byIndex = new Map<number, ItemState>();
  private readonly order: ItemState[] = [];
  private reasoningCount = 0;
  /** Some message item wrote text (the next one is set apart by a blank line). */
  private wroteText = false;

  constructor(private readonly out: StreamOutput) {}

  /** The item an event is about (by `item_id`, else `output_index`), made when unknown. */
  find(kind: ItemKind, id: string | undefined, index: number | undefined): ItemState {
    const known =
      (id !== undefined ? this.byId.get(id) : undefined) ??
      (index !== undefined ? this.byIndex.get(index) : undefined);
    const state: ItemState = known ?? {
      kind,
      reasoning: -1,
      written: new Map(),
      sealed: new Set(),
      args: '',
      emitted: false,
    };
    if (!known) this.order.push(state);
    if (state.kind === 'other') state.kind = kind;
    // Reasoning items are numbered in the order they first show up.
    if (state.kind === 'reasoning' && state.reasoning < 0) state.reasoning = this.reasoningCount++;
    if (id !== undefined && state.id === undefined) state.id = id;
    if (id !== undefined) this.byId.set(id, state);
    if (index !== undefined && !this.byIndex.has(index)) this.byIndex.set(index, state);
    return state;
  }

  /** Whether an item of a final output list is one already seen (by its id, else its index). */
  knows(item: Obj, index: number): boolean {
    const id = str(item.id);
    return id !== undefined ? this.byId.has(id) : this.byIndex.has(index);
  }

  /** The item an event's `item` object describes (output_item.added / done, whole answers). */
  forItem(item: Obj, index: number | undefined): ItemState {
    const state = this.find(kindOf(item.type), str(item.id), index);
    if (state.kind === 'function_call' || state.kind === 'function_call_output') {
      state.callId ??= str(item.call_id);
      state.name ??= str(item.name);
    }
    return state;
  }

  /** Writes `text` into a part of a message or reasoning item. */
  write(state: ItemState, part: number, text: string): void {
    if (!text) return;
    const first = state.written.size === 0;
    state.written.set(part, (state.written.get(part) ?? '') + text);
    if (state.kind === 'reasoning') {
      this.out.reasoning(0, { item: state.reasoning, part, text, ...(state.id ? { itemId: state.id } : {}) });
      return;
    }
    // Separate message items of one answer (text before and after a tool call) by a blank line.
    this.out.delta(0, first && this.wroteText ? `\n\n${text}` : text);
    this.wroteText = true;
  }

  /** A part is done with `full` text: writes what the deltas did not carry (nothing if they differ). */
  complete(state: ItemState, part: number, full: unknown): void {
    if (typeof full !== 'string') return;
    const written = state.written.get(part) ?? '';
    if (full.length > written.length && full.startsWith(written))
      this.write(state, part, full.slice(written.length));
  }

  /** A reasoning part's signature or encrypted data, written once. */
  seal(state: ItemState, part: number, extra: { signature?: string; encrypted?: string }): void {
    if (state.sealed.has(part)) return;
    state.sealed.add(part);
    const itemId = state.id ? { itemId: state.id } : {};
    this.out.reasoning(0, { item: state.reasoning, part, text: '', ...extra, ...itemId });
  }

  /** An item is done: the rest of its text, its signatures, or the whole tool call or output. */
  done(item: Obj, index: number | undefined): void {
    const state = this.forItem(item, index);
    const parts = (key: string) => (Array.isArray(item[key]) ? (item[key] as unknown[]) : []);
    if (state.kind === 'message')
      parts('content').forEach((p, k) => {
        if (isObj(p) && p.type === 'output_text') this.complete(state, k, p.text);
      });
    else if (state.kind === 'reasoning')
      parts('summary').forEach((p, k) => {
        if (isObj(p)) this.summaryPart(state, k, p);
      });
    else if (state.kind === 'function_call') {
      if (typeof item.arguments === 'string') state.args = item.arguments;
      this.emitCall(state);
    } else if (state.kind === 'function_call_output') this.emitOutput(state, item.output);
  }

  /** A whole reasoning summary part: its text beyond the deltas, then its signature or data. */
  summaryPart(state: ItemState, part: number, p: Obj): void {
    if (p.type === 'summary_encrypted_text' && typeof p.data === 'string') {
      this.seal(state, part, { encrypted: p.data });
      return;
    }
    this.complete(state, part, p.text);
    const signature = str(p.signature);
    if (signature) this.seal(state, part, { signature });
  }

  /** A streamed piece of a function call's arguments: kept, and timed as output (see chat-tool-calls.ts). */
  callArguments(state: ItemState, delta: string): void {
    state.args += delta;
    state.streamedArgs = true;
    this.out.pending(0, delta.length);
  }

  /**
   * Writes a function call once, with the arguments assembled so far. A call without a call id
   * (a server that left it out) answers to its item id, else `call_0_<position>`, so its result
   * can still be matched to it.
   */
  emitCall(state: ItemState): void {
    if (state.emitted) return;
    state.emitted = true;
    // A call that came whole is the model's output as much as streamed text is.
    if (!state.streamedArgs) this.out.pending(0, (state.name ?? '').length + state.args.length);
    const item: OutputItem = {
      type: 'function_call',
      callId: clip(state.callId || state.id || `call_0_${this.order.indexOf(state)}`),
      name: clip(state.name ?? ''),
      arguments: state.args,
      ...(state.id ? { id: clip(state.id) } : {}),
    };
    this.out.item(0, item);
  }

  /** Writes a function call's output once. */
  emitOutput(state: ItemState, output: unknown): void {
    if (state.emitted) return;
    state.emitted = true;
    const id = state.id ? { id: clip(state.id) } : {};
    this.out.item(0, {
      type: 'function_call_output',
      callId: clip(state.callId ?? ''),
      output: outputText(output),
      ...id,
    });
  }

  /**
   * Whether a function call was written that no output of this answer answers: the model waits
   * for the caller's results (Chat Completions says `finish_reason: "tool_calls"`); an agent's
   * calls come with their outputs.
   */
  get awaitsResults(): boolean {
    const answered = new Set(
      this.order.filter((s) => s.kind === 'function_call_output').map((s) => s.callId),
    );
    return this.order.some((s) => s.kind === 'function_call' && s.emitted && !answered.has(s.callId));
  }

  /** The stream ended: tool calls whose `done` never came are written with what arrived. */
  flush(): void {
    for (const state of this.order) if (state.kind === 'function_call') this.emitCall(state);
  }
}
