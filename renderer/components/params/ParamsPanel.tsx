import { useCallback, useEffect } from 'react';
import type { GenerationParams, TaskKind } from '../../../shared/domain';
import type { ModelCapabilities } from '../../../shared/model-capabilities';
import { ToolsButton } from '../tools/ToolsButton';
import { NumberParam } from './NumberParam';
import { effectiveLimit, initialValue, NUMERIC_FIELDS, parseParamInput, withParam } from './param-fields';
import { useParamsValidity } from './params-validity';
import { ReasoningParams } from './ReasoningParams';
import { ResponseFormatParam } from './ResponseFormatParam';
import { StopSequences } from './StopSequences';
import { StreamSwitch } from './StreamSwitch';
import '../../styles/params.css';

/** Props of the parameter panel. */
export interface ParamsPanelProps {
  value: GenerationParams;
  /** Called with valid parameters only; unset parameters are absent from the object. */
  onChange(next: GenerationParams): void;
  task: TaskKind;
  /** The endpoint's context window when known: max_tokens cannot exceed it. */
  contextWindow: number | null;
  /**
   * What the endpoints these parameters go to can do (one for a chat, every pane's for a
   * comparison's shared parameters): decides which reasoning control is shown. Absent or
   * empty: none.
   */
  capabilities?: readonly ModelCapabilities[];
}

const NO_CAPABILITIES: readonly ModelCapabilities[] = [];

/** What Reset all unsets: the sampling and reasoning values and the stop sequences. */
const RESET_KEYS = [
  'max_tokens',
  'temperature',
  'top_p',
  'top_k',
  'n',
  'stop',
  'reasoning_effort',
  'thinking_budget',
] as const;

/** `params` without the values Reset all unsets (the Stream switch, tools and the response format stay). */
export function resetSampling(params: GenerationParams): GenerationParams {
  const next = { ...params };
  for (const key of RESET_KEYS) delete next[key];
  return next;
}

/**
 * Sampling parameters, honest by construction: each control is either set (and sent) or
 * unset (and absent from the request, the server default shown as a hint). Limits come from
 * PARAM_LIMITS for the task; refused input stays in its control with the reason, and is
 * reported to `useParamsValidity` so Send can be blocked while the panel shows it. The
 * reasoning control appears only for endpoints that take one (see ReasoningParams).
 */
export function ParamsPanel(props: ParamsPanelProps) {
  const { value, onChange, task, contextWindow, capabilities = NO_CAPABILITIES } = props;
  const report = useParamsValidity((s) => s.report);

  // Nothing this panel refused outlives it.
  useEffect(
    () => () => {
      for (const field of NUMERIC_FIELDS) report(field.key, null);
    },
    [report],
  );

  const set = useCallback(
    <K extends keyof GenerationParams>(key: K, next: GenerationParams[K] | undefined) =>
      onChange(withParam(value, key, next)),
    [value, onChange],
  );

  return (
    <fieldset className="params" data-testid="params-panel">
      <legend className="params__legend">Parameters</legend>
      <div className="params__actions">
        <button
          type="button"
          className="button button--small button--ghost"
          disabled={RESET_KEYS.every((k) => value[k] === undefined)}
          title="Unset every sampling and reasoning parameter and the stop sequences (the Stream switch, tools and the response format stay)"
          onClick={() => onChange(resetSampling(value))}
        >
          Reset all
        </button>
      </div>
      {NUMERIC_FIELDS.map((field) => {
        const limit = effectiveLimit(field.key, task, contextWindow);
        if (!limit) return null;
        return (
          <NumberParam
            key={field.key}
            field={field}
            limit={limit}
            value={value[field.key]}
            initial={initialValue(field, limit)}
            onChange={(next) => set(field.key, next)}
            parse={(text) => parseParamInput(field.key, text, task, contextWindow)}
            onProblem={(reason) => report(field.key, reason)}
          />
        );
      })}
      {(task === 'chat' || task === 'other') && (
        <ReasoningParams
          value={value}
          set={set}
          task={task}
          contextWindow={contextWindow}
          capabilities={capabilities}
        />
      )}
      {(task === 'chat' || task === 'other') && (
        <ResponseFormatParam
          value={value.response_format}
          onChange={(next) => set('response_format', next)}
          capabilities={capabilities}
        />
      )}
      <StopSequences value={value.stop} onChange={(next) => set('stop', next)} task={task} />
      <StreamSwitch value={value.stream} onChange={(next) => set('stream', next)} />
      {task === 'chat' && <ToolsButton value={value} onChange={onChange} capabilities={capabilities} />}
    </fieldset>
  );
}
