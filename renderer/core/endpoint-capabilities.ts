import type { Endpoint, GenerationParams, TaskKind } from '../../shared/domain';
import { validateParams } from '../../shared/limits';
import {
  capabilitiesFor,
  featureSupport,
  type ModelCapabilities,
  type WireProtocol,
} from '../../shared/model-capabilities';

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
 * The parameters this endpoint is sent: the reasoning setting it has no control for, and
 * tools or a response format a model known not to take them, are left out (their controls say
 * why for this endpoint, and a hidden setting sends nothing). The user's values are kept in the
 * settings, so switching back to a model that takes them restores them.
 */
export function applicableParams(params: GenerationParams, caps: ModelCapabilities): GenerationParams {
  const kind = caps.reasoning.kind;
  const dropBudget = kind !== 'budget' && params.thinking_budget !== undefined;
  const dropEffort = kind !== 'effort' && params.reasoning_effort !== undefined;
  const dropTools =
    (params.tools !== undefined || params.tool_choice !== undefined) &&
    featureSupport(caps, 'tools') === 'no';
  const dropFormat =
    params.response_format !== undefined && featureSupport(caps, 'structuredOutputs') === 'no';
  if (!dropBudget && !dropEffort && !dropTools && !dropFormat) return params;
  const next = { ...params };
  if (dropBudget) delete next.thinking_budget;
  if (dropEffort) delete next.reasoning_effort;
  if (dropTools) {
    delete next.tools;
    delete next.tool_choice;
  }
  if (dropFormat) delete next.response_format;
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
