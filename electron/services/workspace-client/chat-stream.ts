import { ToolCallAssembler } from './chat-tool-calls';
import type { StreamOutput, StreamParser } from './stream-output';
import { isObj } from './transport';

/*
 * Chat Completions (and text completions) chunks → StreamOutput. A choice's `content` is a
 * string, or — for reasoning models — an array of typed items: `{type: "reasoning", summary:
 * [{type: "summary_text", text, signature?} | {type: "summary_encrypted_text", data}]}` then
 * `{type: "text", text}`. Streamed, the same items come piece by piece, so this keeps, per
 * choice, which reasoning item and summary part a piece extends:
 * - a reasoning item that follows text (or opens the answer) is a new item;
 * - within an item, a part ends with its signature (or is an encrypted part, complete in
 *   itself); the next text after that opens the next part;
 * - several summary entries in one piece, or several reasoning items in one content array
 *   (a whole, non-streamed message), are separate parts and items.
 * Tool calls (`delta.tool_calls` fragments, or a whole message's `tool_calls`) are assembled
 * in chat-tool-calls.ts and written as items when their choice finishes (or the stream ends).
 * Every field is optional and possibly mistyped: what can't be read is skipped.
 */

/** Where choice `index` is in its reasoning. */
interface ChoiceState {
  /** The current reasoning item, -1 before the first. */
  item: number;
  part: number;
  /** The current part has had text, a signature or data. */
  partUsed: boolean;
  /** The current part is complete (signed or encrypted): more text opens the next part. */
  partClosed: boolean;
  /** The last thing seen for this choice was reasoning (not answer text). */
  inReasoning: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Reads Chat Completions chunks (or one whole chat/completion answer); see the file comment. */
export class ChatStreamParser implements StreamParser {
  private readonly choices = new Map<number, ChoiceState>();
  private readonly calls: ToolCallAssembler;

  constructor(
    private readonly out: StreamOutput,
    private readonly headerModel: string | null,
  ) {
    this.calls = new ToolCallAssembler(out);
  }

  event(chunk: unknown): void {
    this.apply(chunk);
  }

  whole(answer: unknown): void {
    this.apply(answer);
    this.calls.flushAll();
  }

  end(): void {
    this.calls.flushAll();
  }

  private apply(chunk: unknown): void {
    if (!isObj(chunk)) return;
    this.out.start(this.headerModel ?? str(chunk.model) ?? null);
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    choices.forEach((c, position) => {
      if (!isObj(c)) return;
      const index = Number.isInteger(c.index) && (c.index as number) >= 0 ? (c.index as number) : position;
      this.out.choice(index);
      // A chat delta, a whole chat message, or a completion's text.
      const holder = isObj(c.delta) ? c.delta : isObj(c.message) ? c.message : null;
      this.content(index, holder ? holder.content : c.text);
      if (holder) this.calls.add(index, holder.tool_calls, holder === c.message);
      if (typeof c.finish_reason === 'string') {
        // An empty reason (some servers send "" on every chunk) doesn't end the calls.
        if (c.finish_reason) this.calls.flush(index);
        this.out.finish(index, c.finish_reason);
      }
    });
    this.out.usage(chunk.usage);
  }

  private state(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) {
      state = { item: -1, part: 0, partUsed: false, partClosed: false, inReasoning: false };
      this.choices.set(index, state);
    }
    return state;
  }

  private content(index: number, content: unknown): void {
    if (typeof content === 'string') {
      if (content) this.text(index, content);
      return;
    }
    if (!Array.isArray(content)) return;
    content.forEach((entry, position) => {
      if (!isObj(entry)) return;
      if (entry.type === 'text' && typeof entry.text === 'string' && entry.text) this.text(index, entry.text);
      // Only the first entry of an array may continue the item the previous chunk was in.
      else if (entry.type === 'reasoning') this.reasoningItem(index, entry, position === 0);
    });
  }

  private text(index: number, text: string): void {
    this.state(index).inReasoning = false;
    this.out.delta(index, text);
  }

  private reasoningItem(index: number, entry: Record<string, unknown>, mayContinue: boolean): void {
    const s = this.state(index);
    if (!(mayContinue && s.inReasoning)) {
      s.item += 1;
      s.part = 0;
      s.partUsed = false;
      s.partClosed = false;
    }
    s.inReasoning = true;
    const summary = Array.isArray(entry.summary) ? entry.summary : [];
    summary.forEach((part, position) => {
      if (!isObj(part)) return;
      if (position > 0 || s.partClosed) this.nextPart(s);
      if (part.type === 'summary_text') this.summaryText(index, s, part);
      else if (part.type === 'summary_encrypted_text' && typeof part.data === 'string') {
        if (s.partUsed) this.nextPart(s);
        this.out.reasoning(index, { item: s.item, part: s.part, text: '', encrypted: part.data });
        s.partUsed = true;
        s.partClosed = true;
      }
    });
  }

  private summaryText(index: number, s: ChoiceState, part: Record<string, unknown>): void {
    const text = str(part.text) ?? '';
    // Claude sends `"signature": null` on the pieces before the last.
    const signature = str(part.signature) || undefined;
    if (!text && signature === undefined) return;
    this.out.reasoning(index, { item: s.item, part: s.part, text, ...(signature ? { signature } : {}) });
    s.partUsed = true;
    if (signature) s.partClosed = true;
  }

  /** Moves to the next part, unless the current one is still empty (then it is that part). */
  private nextPart(s: ChoiceState): void {
    if (s.partUsed) s.part += 1;
    s.partUsed = false;
    s.partClosed = false;
  }
}
