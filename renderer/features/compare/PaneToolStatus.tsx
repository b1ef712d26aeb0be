import type { CompareAnswer } from '../../core/db/records';
import { maxToolSteps, nextToolStep } from '../../core/tool-loop';
import { callChecks, checkText } from './compare-structured';

/**
 * Under a pane's tool cards: each call's arguments checked against its tool's schema, and,
 * once the answer stopped with calls waiting, why (no mock mode, or the step cap). Typing
 * results per pane is the chat's job; a comparison runs tools only in mock mode.
 */
export function PaneToolStatus({ answer }: { answer: CompareAnswer }) {
  const params = answer.params ?? {};
  if (!params.tools?.length) return null;
  const checks = callChecks(answer.items, params);
  const decision = answer.status === 'done' ? nextToolStep(answer.items, params) : null;
  if (checks.length === 0) return null;
  return (
    <div className="cmp-tools" data-testid="pane-tools">
      <ol className="cmp-tools__checks">
        {checks.map(({ call, check }) => {
          const ok = check.kind === 'checked' && check.valid;
          return (
            <li
              key={call.callId}
              className={`cmp-tools__check cmp-tools__check--${ok ? 'ok' : 'bad'}`}
              data-testid="pane-tool-check"
              data-valid={ok}
            >
              <span aria-hidden="true">{ok ? '✓' : '✗'}</span> <code>{call.name}</code>: {checkText(check)}
            </li>
          );
        })}
      </ol>
      {decision?.kind === 'await' && (
        <p className="notice" role="status" data-testid="pane-tools-waiting">
          Called {decision.calls.length === 1 ? '1 tool' : `${decision.calls.length} tools`} — turn on mock
          mode to run {decision.calls.length === 1 ? 'it' : 'them'} here.
        </p>
      )}
      {decision?.kind === 'capped' && (
        <p className="notice" role="status" data-testid="pane-tools-capped">
          Stopped after {decision.steps} tool step{decision.steps === 1 ? '' : 's'} (the cap is{' '}
          {maxToolSteps(params)}): {decision.calls.length} call{decision.calls.length === 1 ? '' : 's'} not
          run.
        </p>
      )}
    </div>
  );
}
