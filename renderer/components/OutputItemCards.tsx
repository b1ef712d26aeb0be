import type { ReactNode } from 'react';
import type { GenerationParams, OutputItem } from '../../shared/domain';
import { type ToolExchange, toolExchanges } from '../core/reasoning';
import { pendingCalls } from '../core/tool-loop';
import { Markdown } from './markdown/LazyMarkdown';
import { ToolCallCard } from './tools/ToolCallCard';
import '../styles/answer-parts.css';

/** The results form of the last step's pending calls (the view keeps the typed text). */
export interface ToolResultsForm {
  /** Call id → the text typed so far. */
  values: Readonly<Record<string, string>>;
  onChange(callId: string, text: string): void;
  /** Sends every pending call's result together and lets the model go on. */
  onSubmit(): void;
  /** While something else streams: the form can be filled, not sent. */
  busy: boolean;
  /** A line under the button (why it waits, which choice goes on…). */
  note?: ReactNode;
}

/** The items in the order to show them: step text, and each call with its output. */
type Piece = { kind: 'text'; text: string } | { kind: 'call'; exchange: ToolExchange };

function pieces(items: readonly OutputItem[]): Piece[] {
  const exchanges = toolExchanges(items);
  const out: Piece[] = [];
  let next = 0;
  for (const item of items) {
    if (item.type === 'text') out.push({ kind: 'text', text: item.text });
    else if (item.type === 'function_call' || !exchanges.some((e) => e.output === item && e.call))
      // Each call (and each output that answers none) is the next exchange, in order.
      out.push({ kind: 'call', exchange: exchanges[next++] as ToolExchange });
  }
  return out;
}

/** True when every pending call has a result typed. */
export const resultsComplete = (items: readonly OutputItem[], values: Readonly<Record<string, string>>) =>
  pendingCalls(items).every((c) => (values[c.callId] ?? '').trim() !== '');

/**
 * Tool calls and their outputs in the order the model made them (an agent's, or a chat tool
 * loop's with the text of each step between them), as compact cards that show the
 * pretty-printed arguments and output. `streaming`: a call still waiting for its output says
 * "running…". `params` (the tools the model was given) checks each call's arguments against
 * its tool's schema; `form` lets the user answer the pending calls of the last step.
 */
export function OutputItemCards({
  items,
  streaming,
  params,
  form,
}: {
  items: readonly OutputItem[];
  streaming: boolean;
  params?: GenerationParams;
  form?: ToolResultsForm;
}) {
  const shown = pieces(items);
  if (shown.length === 0) return null;
  const pending = new Set(pendingCalls(items).map((c) => c.callId));
  const ready = form !== undefined && resultsComplete(items, form.values);
  return (
    <div className="tool-cards" data-testid="tool-cards">
      {shown.map((piece, i) =>
        piece.kind === 'text' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: items only ever grow at the end
          <div key={i} className="message__answer tool-step-text" data-testid="step-text">
            <Markdown text={piece.text} />
          </div>
        ) : (
          <ToolCallCard
            // biome-ignore lint/suspicious/noArrayIndexKey: items only ever grow at the end
            key={i}
            exchange={piece.exchange}
            waiting={streaming}
            params={params}
            input={
              form && piece.exchange.call && pending.has(piece.exchange.call.callId)
                ? {
                    value: form.values[piece.exchange.call.callId] ?? '',
                    onChange: (text) => form.onChange(piece.exchange.call?.callId ?? '', text),
                    disabled: false,
                  }
                : undefined
            }
          />
        ),
      )}
      {form && pending.size > 0 && (
        <div className="tool-results__actions">
          <button
            type="button"
            className="button button--primary button--small"
            disabled={!ready || form.busy}
            title={ready ? undefined : 'Every call needs a result'}
            onClick={form.onSubmit}
          >
            Send results
          </button>
          {form.note && <span className="muted tool-results__note">{form.note}</span>}
        </div>
      )}
    </div>
  );
}
