import type { OutputItem } from '../../shared/domain';
import { prettyJson, type ToolExchange, toolExchanges } from '../core/reasoning';
import '../styles/answer-parts.css';

/** One tool call with its output: a compact card, its details (arguments, output) on demand. */
function ToolCard({ exchange, waiting }: { exchange: ToolExchange; waiting: boolean }) {
  const { call, output } = exchange;
  const args = call ? prettyJson(call.arguments) : null;
  const result = output ? prettyJson(output.output) : null;
  const status = output ? 'returned' : waiting ? 'running…' : 'no output';
  return (
    <details className="tool-card" data-testid="tool-card" data-tool={call?.name ?? ''}>
      <summary className="tool-card__summary">
        <span className="tool-card__kind">Tool call</span>
        <code className="tool-card__name">{call?.name ?? 'output'}</code>
        <span className="tool-card__status muted">{status}</span>
      </summary>
      <div className="tool-card__body">
        {args && (
          <>
            <p className="tool-card__label">Arguments</p>
            <pre className="tool-card__code" data-testid="tool-arguments">
              {args.text}
            </pre>
          </>
        )}
        {result && (
          <>
            <p className="tool-card__label">Output</p>
            <pre className="tool-card__code" data-testid="tool-output">
              {result.text}
            </pre>
          </>
        )}
      </div>
    </details>
  );
}

/**
 * An agent's tool calls and their outputs, in the order it made them, as compact cards
 * that expand to the pretty-printed arguments and output. `streaming`: a call still
 * waiting for its output says "running…" rather than "no output".
 */
export function OutputItemCards({ items, streaming }: { items: readonly OutputItem[]; streaming: boolean }) {
  const exchanges = toolExchanges(items);
  if (exchanges.length === 0) return null;
  return (
    <div className="tool-cards" data-testid="tool-cards">
      {exchanges.map((exchange, i) => (
        <ToolCard
          // biome-ignore lint/suspicious/noArrayIndexKey: items only ever grow at the end
          key={i}
          exchange={exchange}
          waiting={streaming}
        />
      ))}
    </div>
  );
}
