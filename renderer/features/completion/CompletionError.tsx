import { ErrorText } from '../../components/ErrorText';
import { useCompletionStore } from './completion-store';

/**
 * A failed request, inline, in the server's own words first, then the advice: refused before streaming (the prompt is still in the editor) or
 * failed mid-stream (the text so far stays on screen).
 */
export function CompletionError() {
  const failure = useCompletionStore((s) => s.failure);
  const runError = useCompletionStore((s) => (s.run?.status === 'error' ? s.run.error : null));
  const partial = useCompletionStore((s) => (s.run?.choices ?? []).some((c) => c.text.length > 0));
  const dismiss = useCompletionStore((s) => s.dismissFailure);
  const error = failure ?? runError;
  if (!error) return null;
  return (
    <div role="alert" className="alert completion-error" data-testid="completion-error">
      <ErrorText error={error} />
      <p className="muted">
        {failure
          ? 'Nothing was generated; your prompt is unchanged, so you can fix the cause and send again.'
          : partial
            ? 'The text received before the failure is kept below; the prompt is unchanged.'
            : 'Nothing was generated; your prompt is unchanged.'}
      </p>
      {failure && (
        <button type="button" className="button button--small" onClick={dismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
