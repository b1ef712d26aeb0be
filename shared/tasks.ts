import type { Endpoint, TaskKind } from './domain';

/**
 * Which endpoint tasks each generation pane may use: the one rule the privileged side
 * enforces and the pickers offer. `other` (a custom model with no declared task, or a model
 * of an OpenAI-compatible server, whose /models list says nothing about tasks) is offered
 * to both and left to the server to accept or refuse.
 */
export const PANE_TASKS: Record<'chat' | 'completions', readonly TaskKind[]> = {
  chat: ['chat', 'other'],
  completions: ['completions', 'other'],
};

/** The task of an agent that speaks the Responses API (Mosaic AI agents). */
export const RESPONSES_AGENT_TASK = 'agent/v1/responses';

/** Whether a task string is a Responses agent's (chat only: it takes conversations, not prompts). */
export const isResponsesAgent = (task: string | null | undefined): boolean =>
  task?.trim().toLowerCase() === RESPONSES_AGENT_TASK;

/**
 * Whether `endpoint` can be used by the chat-like panes (chat, compare) or the completion
 * pane. An agent (`agent/v1/responses`) is a chat endpoint whatever its task kind says.
 */
export const usableFor = (
  endpoint: Pick<Endpoint, 'taskKind'> & { task?: string | null },
  pane: 'chat' | 'completions',
): boolean =>
  isResponsesAgent(endpoint.task) ? pane === 'chat' : PANE_TASKS[pane].includes(endpoint.taskKind);
