import { useEffect, useId, useMemo } from 'react';
import type { GenerationParams, TaskKind } from '../../../shared/domain';
import type { ModelCapabilities, ReasoningEffort } from '../../../shared/model-capabilities';
import { NumberParam } from './NumberParam';
import { useParamsValidity } from './params-validity';
import {
  BUDGET_LABEL,
  budgetLimit,
  EFFORT_LABEL,
  effortProblem,
  parseBudget,
  reasoningFields,
  UNSET_HINT,
} from './reasoning-fields';

/** Props of the reasoning controls. */
export interface ReasoningParamsProps {
  value: GenerationParams;
  set<K extends 'thinking_budget' | 'reasoning_effort'>(key: K, next: GenerationParams[K] | undefined): void;
  task: TaskKind;
  contextWindow: number | null;
  /** What the endpoints these parameters go to can do (none: no reasoning control). */
  capabilities: readonly ModelCapabilities[];
}

/** Clears `key`'s refusal when the control goes away (another endpoint): a hidden control blocks nothing. */
function useClearOnUnmount(key: string) {
  const report = useParamsValidity((s) => s.report);
  useEffect(() => () => report(key, null), [report, key]);
}

function BudgetParam({
  value,
  set,
  task,
  contextWindow,
  capabilities,
  min,
}: ReasoningParamsProps & { min: number }) {
  const report = useParamsValidity((s) => s.report);
  useClearOnUnmount('thinking_budget');
  const limit = budgetLimit(min, value.max_tokens, task, contextWindow);
  return (
    <NumberParam
      field={{ key: 'thinking_budget', label: BUDGET_LABEL }}
      limit={limit}
      value={value.thinking_budget}
      initial={min}
      unsetText={UNSET_HINT.budget}
      onChange={(next) => set('thinking_budget', next)}
      parse={(text) => parseBudget(text, value, capabilities, task)}
      onProblem={(reason) => report('thinking_budget', reason)}
    />
  );
}

function EffortParam({
  value,
  set,
  capabilities,
  efforts,
}: ReasoningParamsProps & { efforts: readonly ReasoningEffort[] }) {
  const id = useId();
  const report = useParamsValidity((s) => s.report);
  useClearOnUnmount('reasoning_effort');
  const effort = value.reasoning_effort;
  const problem = effortProblem(effort, capabilities);
  useEffect(() => report('reasoning_effort', problem), [report, problem]);
  return (
    <div className="param" data-param="reasoning_effort" data-set={effort !== undefined}>
      <div className="param__head">
        <label htmlFor={id} className="param__label">
          {EFFORT_LABEL}
        </label>
      </div>
      <select
        id={id}
        className="param__select"
        value={effort ?? ''}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-hint`}
        onChange={(e) =>
          set('reasoning_effort', e.target.value === '' ? undefined : (e.target.value as ReasoningEffort))
        }
      >
        <option value="">Unset</option>
        {efforts.map((e) => (
          <option key={e} value={e}>
            {e}
          </option>
        ))}
        {/* A value kept from another model stays visible, so the user sees what to change. */}
        {effort && !efforts.includes(effort) && <option value={effort}>{effort} (not accepted)</option>}
      </select>
      <div id={`${id}-hint`} className="param__hint muted">
        {effort === undefined ? UNSET_HINT.effort : `Accepted: ${efforts.join(', ')}`}
      </div>
      {problem && (
        <div role="alert" className="param__error" data-testid="param-error">
          {problem}
        </div>
      )}
    </div>
  );
}

/**
 * The reasoning control the endpoint takes, and only that: a thinking budget (Claude-style,
 * below max_tokens) or a reasoning effort (only the values the model accepts). Neither for a
 * model that takes none, and then nothing is sent. Unset by default: unset sends nothing.
 */
export function ReasoningParams(props: ReasoningParamsProps) {
  const fields = useMemo(() => reasoningFields(props.capabilities), [props.capabilities]);
  return (
    <>
      {fields.budget && <BudgetParam {...props} min={fields.budget.min} />}
      {fields.efforts && <EffortParam {...props} efforts={fields.efforts} />}
    </>
  );
}
