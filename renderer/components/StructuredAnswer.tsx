import { type ReactNode, useMemo, useState } from 'react';
import { CopyButton } from './CopyButton';
import { type StructuredVerdict, verdictText } from './structured-answer';
import '../styles/structured-answer.css';

/** Objects and arrays whose JSON is longer than this start collapsed (the root never does). */
export const COLLAPSE_ABOVE_CHARS = 400;

/** The verdict as a badge: ✓ valid, ✗ anything else, with the first errors. */
export function VerdictBadge({ verdict, testId }: { verdict: StructuredVerdict; testId?: string }) {
  const ok = verdict.kind === 'valid';
  return (
    <p
      className={`structured-badge structured-badge--${ok ? 'ok' : 'bad'}`}
      data-testid={testId ?? 'structured-verdict'}
      data-verdict={verdict.kind}
    >
      <span aria-hidden="true" className="structured-badge__mark">
        {ok ? '✓' : '✗'}
      </span>{' '}
      {verdictText(verdict)}
    </p>
  );
}

const scalar = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** One value of the tree: a scalar inline, an object or array as a collapsible block. */
function JsonNode({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const key = name === null ? null : <span className="json-tree__key">{name}: </span>;
  if (value === null || typeof value !== 'object')
    return (
      <div className="json-tree__row">
        {key}
        <span className={`json-tree__value json-tree__value--${value === null ? 'null' : typeof value}`}>
          {scalar(value)}
        </span>
      </div>
    );
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value as Record<string, unknown>);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0)
    return (
      <div className="json-tree__row">
        {key}
        <span className="json-tree__punct">
          {open}
          {close}
        </span>
      </div>
    );
  const size = JSON.stringify(value).length;
  const count = Array.isArray(value)
    ? `${entries.length} item${entries.length === 1 ? '' : 's'}`
    : `${entries.length} key${entries.length === 1 ? '' : 's'}`;
  return (
    <details className="json-tree__node" open={depth === 0 || size <= COLLAPSE_ABOVE_CHARS}>
      <summary className="json-tree__summary">
        {key}
        <span className="json-tree__punct">{open}</span>
        <span className="json-tree__count muted"> {count} </span>
      </summary>
      <div className="json-tree__children">
        {entries.map(([k, v]) => (
          <JsonNode
            key={k}
            name={Array.isArray(value) ? null : JSON.stringify(k)}
            value={v}
            depth={depth + 1}
          />
        ))}
      </div>
      <span className="json-tree__punct">{close}</span>
    </details>
  );
}

/** Props of the structured answer. */
export interface StructuredAnswerProps {
  /** The answer's text as the model wrote it. */
  text: string;
  /** Its verdict; null (not asked for JSON, or not finished): just `children`. */
  verdict: StructuredVerdict | null;
  /** How the raw text is shown otherwise (the answer's markdown). */
  children: ReactNode;
  /** The badge's test id (compare: `pane-validation`). */
  badgeTestId?: string;
}

/**
 * An answer asked for JSON, once finished: its verdict as a badge, and valid JSON pretty and
 * collapsible (nested blocks longer than COLLAPSE_ABOVE_CHARS start closed), with a toggle to
 * the raw text the model wrote. JSON that does not parse (or while there is no verdict) is
 * shown as written, the badge above saying why.
 */
export function StructuredAnswer({ text, verdict, children, badgeTestId }: StructuredAnswerProps) {
  const [raw, setRaw] = useState(false);
  const parsed = verdict && verdict.kind !== 'not-json';
  const pretty = useMemo(
    () => (parsed ? (JSON.stringify(verdict.value, null, 2) ?? '') : ''),
    [parsed, verdict],
  );
  if (!verdict) return <>{children}</>;
  return (
    <div className="structured" data-testid="structured-answer" data-view={parsed && !raw ? 'pretty' : 'raw'}>
      <div className="structured__bar">
        <VerdictBadge verdict={verdict} testId={badgeTestId} />
        {parsed && (
          <div className="structured__actions">
            <button
              type="button"
              className="button button--small button--ghost"
              aria-pressed={raw}
              onClick={() => setRaw((r) => !r)}
            >
              {raw ? 'Show pretty JSON' : 'Show raw text'}
            </button>
            <CopyButton text={pretty} label="Copy JSON" />
          </div>
        )}
      </div>
      {parsed && !raw ? (
        <div className="json-tree" data-testid="json-pretty">
          <JsonNode name={null} value={verdict.value} depth={0} />
        </div>
      ) : parsed ? (
        <pre className="structured__raw" data-testid="json-raw">
          {text}
        </pre>
      ) : (
        children
      )}
    </div>
  );
}
