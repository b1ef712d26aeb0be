import type { CompareAnswer } from '../../core/db/records';
import { maxToolSteps, nextToolStep } from '../../core/tool-loop';

/**
 * Under a pane's tool cards (which show each call's argument check): once the answer stopped
 * with calls waiting, what to do: answer them in the cards above (typed,
 * or a tool's mock), or let mock mode run them; at the step cap, that the cap stopped it.
 */
export function PaneToolStatus({ answer }: { answer: CompareAnswer }) {
  const params = answer.params ?? {};
  if (!params.tools?.length) return null;
  const decision = answer.status === 'done' ? nextToolStep(answer.items, params) : null;
  if (!decision || decision.kind === 'done' || decision.kind === 'mock') return null;
  return (
    <div className="cmp-tools" data-testid="pane-tools">
      {decision?.kind === 'await' && (
        <p className="notice" role="status" data-testid="pane-tools-waiting">
          Called {decision.calls.length === 1 ? '1 tool' : `${decision.calls.length} tools`}: answer{' '}
          {decision.calls.length === 1 ? 'it' : 'them'} above, or turn on mock mode to run tools unattended.
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
