import { memo } from 'react';
import { Markdown } from '../../components/markdown/Markdown';
import type { AssistantEntry } from './chat-events';
import { useChatStore } from './chat-store';
import { formatError, formatMetrics } from './format';

function StatusBadges({ entry }: { entry: AssistantEntry }) {
  return (
    <>
      {entry.synthetic && (
        <span className="badge badge--demo" data-testid="synthetic-badge">
          Synthetic (demo workspace)
        </span>
      )}
      {entry.status === 'stopped' && <span className="badge">Stopped</span>}
      {entry.status === 'error' && !entry.failed && <span className="badge badge--warn">Interrupted</span>}
    </>
  );
}

function Problem({ entry }: { entry: AssistantEntry }) {
  const retry = useChatStore((s) => s.retry);
  const canRetry = useChatStore((s) => s.activeId === null);
  if (entry.status !== 'error' || !entry.error) return null;
  if (entry.failed) {
    return (
      <div role="alert" className="alert" data-testid="chat-error">
        <p>{formatError(entry.error)}</p>
        <p className="muted">Your message is back in the composer.</p>
      </div>
    );
  }
  return (
    <div role="alert" className="alert" data-testid="interrupted-error">
      <p>Interrupted: {formatError(entry.error)}</p>
      <button
        type="button"
        className="button button--small"
        disabled={!canRetry}
        onClick={() => void retry(entry.id)}
      >
        Retry
      </button>
    </div>
  );
}

/**
 * One answer: markdown rendered per block, status (streaming / done / stopped / error) in
 * `data-status`, and the measured metrics once it is over. Memoized: only the message that
 * changed re-renders while a stream runs.
 */
export const AssistantMessage = memo(function AssistantMessage({ entry }: { entry: AssistantEntry }) {
  const over = entry.status !== 'streaming';
  return (
    <article
      className={`message message--assistant message--${entry.status}`}
      data-testid="assistant-message"
      data-status={entry.status}
      aria-busy={!over}
    >
      <header className="message__meta">
        <span className="message__author">{entry.model ?? entry.endpoint}</span>
        <StatusBadges entry={entry} />
      </header>
      {entry.content && <Markdown text={entry.content} />}
      {!over && !entry.content && !entry.retryNotice && (
        <span className="typing" role="status" aria-label="Waiting for the first token">
          <span />
          <span />
          <span />
        </span>
      )}
      {entry.retryNotice && (
        <p role="status" className="notice" data-testid="retry-notice">
          {entry.retryNotice}
        </p>
      )}
      <Problem entry={entry} />
      {over && entry.metrics && (
        <p className="message__metrics" data-testid="message-metrics">
          {formatMetrics(entry.metrics, entry.finishReason).join(' · ')}
        </p>
      )}
    </article>
  );
});
