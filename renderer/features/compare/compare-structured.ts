import type { GenerationParams, OutputItem } from '../../../shared/domain';
import { featureRefusal } from '../../../shared/model-capabilities';
import {
  answerVerdict,
  requestedFormat,
  type StructuredVerdict,
  verdictText,
} from '../../components/structured-answer';
import type { CompareAnswer } from '../../core/db/records';
import { type EndpointTarget, endpointCapabilities } from '../../core/endpoint-capabilities';
import { type ArgumentCheck, checkArguments, type FunctionCall } from '../../core/tool-loop';
import { answerFor, effectiveParams, type PaneState } from './compare-model';

/*
 * What a comparison says about structured answers and tool calls, pure: each pane's verdict
 * (does its answer match the schema it was asked for), the turn's summary ("2 of 3 panes
 * match the schema"), each call's argument check, and the text a step carries into the next.
 */

/** The verdict on a pane's answer (null: no JSON asked for, or not finished). */
export const paneVerdict = (answer: CompareAnswer | undefined): StructuredVerdict | null =>
  answer ? answerVerdict(answer) : null;

/** How many panes were asked for JSON on `turn` and how many of their answers passed. */
export interface ValidationSummary {
  /** Panes whose answer to the turn is finished and was asked for JSON. */
  judged: number;
  valid: number;
  /** Some judged pane was asked for a schema (vs only JSON objects). */
  schema: boolean;
}

/** The turn's validation summary, or null when no finished answer was asked for JSON. */
export function validationSummary(panes: readonly PaneState[], turn: number): ValidationSummary | null {
  let judged = 0;
  let valid = 0;
  let schema = false;
  for (const pane of panes) {
    const verdict = paneVerdict(answerFor(pane, turn));
    if (!verdict) continue;
    judged++;
    if (verdict.kind === 'valid') valid++;
    if (verdict.format.kind === 'json_schema') schema = true;
  }
  return judged === 0 ? null : { judged, valid, schema };
}

/**
 * "2 of 3 panes match the schema" / "1 of 2 panes answered a valid JSON object", and how many
 * panes were not asked (`notSent`: their model takes no response format).
 */
export function summaryText({ judged, valid, schema }: ValidationSummary, notSent = 0): string {
  const panes = `${valid} of ${judged} pane${judged === 1 ? '' : 's'}`;
  const text = schema
    ? `${panes} ${judged === 1 ? 'matches' : 'match'} the schema`
    : `${panes} answered a valid JSON object`;
  if (notSent === 0) return text;
  return `${text} · ${notSent} not asked (no response format on ${notSent === 1 ? 'its model' : 'their models'})`;
}

/** Each call the answer made with its arguments checked against its tool's schema. */
export function callChecks(
  items: readonly OutputItem[] | undefined,
  params: GenerationParams | undefined,
): { call: FunctionCall; check: ArgumentCheck }[] {
  return (items ?? [])
    .filter((i): i is FunctionCall => i.type === 'function_call')
    .map((call) => ({ call, check: checkArguments(params ?? {}, call) }));
}

/** A check in words: "valid arguments", or the first errors. */
export function checkText(check: ArgumentCheck): string {
  if (check.kind === 'unknown-tool') return check.message;
  return check.valid ? 'arguments valid' : `arguments don't match: ${check.errors.slice(0, 3).join('; ')}`;
}

/** The verdict for exports: its one word and its sentence. */
export function exportedVerdict(
  answer: CompareAnswer,
): { result: StructuredVerdict['kind']; message: string } | null {
  const verdict = paneVerdict(answer);
  return verdict ? { result: verdict.kind, message: verdictText(verdict) } : null;
}

/**
 * Why pane `pane` was not sent the response format its parameters ask for (its endpoint is
 * known to take none), or null when it was sent (or none is asked for).
 */
export function formatNotSent(
  pane: PaneState,
  shared: GenerationParams,
  target: EndpointTarget | undefined,
): string | null {
  if (!pane.endpoint || !requestedFormat(effectiveParams(pane, shared))) return null;
  return featureRefusal(endpointCapabilities(target ?? { name: pane.endpoint }), 'structuredOutputs');
}
