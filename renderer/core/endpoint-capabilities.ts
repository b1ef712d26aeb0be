import type { Endpoint, GenerationParams, TaskKind } from '../../shared/domain';
import { validateParams } from '../../shared/limits';
import { capabilitiesFor, type ModelCapabilities, type WireProtocol } from '../../shared/model-capabilities';

/*
 * What the renderer needs to know about an endpoint before sending to it: its capabilities
 * (shared/model-capabilities.ts), the protocol its chats go over, and which of the set
 * parameters it can take. One place, so the pickers' badges, the parameter panel, the
 * request preview and the send all agree.
 */

/** An endpoint as listed, or just its name when the listing does not have it (yet). */
export type EndpointTarget = Pick<Endpoint, 'name'> & Partial<Pick<Endpoint, 'model' | 'task' | 'protocol'>>;

/** The task of an agent that speaks the Responses API (Mosaic AI agents). */
export const AGENT_TASK = 'agent/v1/responses';

/** Whether the endpoint is a Responses agent. */
export const isAgent = (target: EndpointTarget): boolean => target.task?.trim().toLowerCase() === AGENT_TASK;

/**
 * The endpoint's capabilities, with the protocol the listing gave (the privileged side may
 * have learned that an endpoint speaks only the Responses API) winning over the table's.
 */
export function endpointCapabilities(target: EndpointTarget): ModelCapabilities {
  const caps = capabilitiesFor({ name: target.name, model: target.model, task: target.task });
  return target.protocol ? { ...caps, protocol: target.protocol } : caps;
}

/** The protocol a chat with this endpoint goes over. */
export const protocolOf = (target: EndpointTarget): WireProtocol => endpointCapabilities(target).protocol;

/**
 * The parameters this endpoint is sent: the reasoning setting it has no control for is left
 * out (its field is hidden for this endpoint, and a hidden field sends nothing). The user's
 * value is kept in the settings, so switching back to a model that takes it restores it.
 */
export function applicableParams(params: GenerationParams, caps: ModelCapabilities): GenerationParams {
  const kind = caps.reasoning.kind;
  if (
    (kind === 'budget' || params.thinking_budget === undefined) &&
    (kind === 'effort' || params.reasoning_effort === undefined)
  )
    return params;
  const next = { ...params };
  if (kind !== 'budget') delete next.thinking_budget;
  if (kind !== 'effort') delete next.reasoning_effort;
  return next;
}

/**
 * Why `params` can't be sent to this endpoint (empty when they can): the task's limits, its
 * context window, and its reasoning control and protocol — on the parameters it is sent.
 */
export function paramProblemsFor(
  params: GenerationParams,
  target: EndpointTarget & { contextWindow?: number | null },
  task: TaskKind = 'chat',
): string[] {
  const caps = endpointCapabilities(target);
  return validateParams(applicableParams(params, caps), task, target.contextWindow ?? null, caps);
}
