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

/** Whether `endpoint` can be used by the chat-like panes (chat, compare) or the completion pane. */
export const usableFor = (endpoint: Pick<Endpoint, 'taskKind'>, pane: 'chat' | 'completions'): boolean =>
  PANE_TASKS[pane].includes(endpoint.taskKind);
