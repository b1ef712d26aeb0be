import { useId } from 'react';
import type { GenerationParams } from '../../../shared/domain';
import { prettyJson, type ToolExchange } from '../../core/reasoning';
import { checkArguments, type FunctionCall, toolNamed } from '../../core/tool-loop';
import '../../styles/answer-parts.css';
import '../../styles/tools.css';

/** Where a pending call's result is typed (the view keeps the text, so it survives re-renders). */
export interface ResultInput {
  value: string;
  onChange(text: string): void;
  disabled: boolean;
}

/** "arguments match the schema" ✓, "arguments don't match: …" ✗, or "unknown tool". */
export function ArgumentsBadge({ params, call }: { params: GenerationParams; call: FunctionCall }) {
  const check = checkArguments(params, call);
  if (check.kind === 'unknown-tool')
    return (
      <span
        className="badge badge--warn"
        data-testid="arguments-check"
        data-valid="unknown"
        title={check.message}
      >
        unknown tool
      </span>
    );
  if (check.valid)
    return (
      <span className="badge badge--ok" data-testid="arguments-check" data-valid="true">
        ✓ arguments match the schema
      </span>
    );
  return (
    <span className="badge badge--warn tool-card__check" data-testid="arguments-check" data-valid="false">
      ✗ arguments don't match: {check.errors.slice(0, 2).join('; ')}
    </span>
  );
}

/** A short label for a saved mock in the picker. */
const mockLabel = (mock: string, i: number) => {
  const line = mock.replace(/\s+/g, ' ').trim();
  return `${i + 1}. ${line.length > 40 ? `${line.slice(0, 40)}…` : line}`;
};

/** The result of one pending call: a textarea, and a picker of the tool's saved mocks. */
function ResultField({
  call,
  params,
  input,
}: {
  call: FunctionCall;
  params?: GenerationParams;
  input: ResultInput;
}) {
  const id = useId();
  const mocks = (params && toolNamed(params, call.name)?.mocks?.filter((m) => m.trim() !== '')) ?? [];
  return (
    <div className="tool-card__result" data-testid="tool-result-form">
      <div className="tool-card__result-head">
        <label htmlFor={id} className="tool-card__label">
          Result of <code>{call.name}</code>
        </label>
        {mocks.length > 0 && (
          <select
            aria-label={`Use mock for ${call.name}`}
            className="tool-card__mock"
            value=""
            disabled={input.disabled}
            onChange={(e) => {
              const mock = mocks[Number(e.target.value)];
              if (mock !== undefined) input.onChange(mock);
            }}
          >
            <option value="">Use mock…</option>
            {mocks.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: mocks are a fixed list here
              <option key={i} value={i}>
                {mockLabel(m, i)}
              </option>
            ))}
          </select>
        )}
      </div>
      <textarea
        id={id}
        className="tool-card__input"
        rows={3}
        spellCheck={false}
        placeholder="What the tool returned: JSON or text"
        value={input.value}
        disabled={input.disabled}
        onChange={(e) => input.onChange(e.target.value)}
      />
    </div>
  );
}

/**
 * One tool call with its output: a compact card, its details (arguments, output) on demand.
 * With `params` (the tools the model was given) the arguments are checked against the tool's
 * schema; with `input` the call waits for a result typed here.
 */
export function ToolCallCard({
  exchange,
  waiting,
  params,
  input,
}: {
  exchange: ToolExchange;
  waiting: boolean;
  params?: GenerationParams;
  input?: ResultInput;
}) {
  const { call, output } = exchange;
  const args = call ? prettyJson(call.arguments) : null;
  const result = output ? prettyJson(output.output) : null;
  const status = output ? 'returned' : input ? 'waiting for a result' : waiting ? 'running…' : 'no output';
  return (
    <details
      className="tool-card"
      data-testid="tool-card"
      data-tool={call?.name ?? ''}
      data-call-id={call?.callId ?? ''}
      open={params !== undefined}
    >
      <summary className="tool-card__summary">
        <span className="tool-card__kind">Tool call</span>
        <code className="tool-card__name">{call?.name ?? 'output'}</code>
        {params && call && <ArgumentsBadge params={params} call={call} />}
        <span className="tool-card__status muted">{status}</span>
      </summary>
      <div className="tool-card__body">
        {args && (
          <>
            <p className="tool-card__label">Arguments</p>
            <pre className="tool-card__code" data-testid="tool-arguments">
              {args.text === '' ? '(none)' : args.text}
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
        {call && !output && input && <ResultField call={call} params={params} input={input} />}
      </div>
    </details>
  );
}
