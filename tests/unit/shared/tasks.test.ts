import { describe, expect, it } from 'vitest';
import type { TaskKind } from '../../../shared/domain';
import { isResponsesAgent, usableFor } from '../../../shared/tasks';

const endpoint = (taskKind: TaskKind, task: string | null = null) => ({ taskKind, task });

describe('usableFor', () => {
  it('offers chat and completion endpoints to their panes, and `other` to both', () => {
    expect(usableFor(endpoint('chat'), 'chat')).toBe(true);
    expect(usableFor(endpoint('chat'), 'completions')).toBe(false);
    expect(usableFor(endpoint('completions'), 'completions')).toBe(true);
    expect(usableFor(endpoint('embeddings'), 'chat')).toBe(false);
    // A custom model with no task: left to the server, as before.
    expect(usableFor(endpoint('other'), 'chat')).toBe(true);
    expect(usableFor(endpoint('other'), 'completions')).toBe(true);
  });

  it('offers Responses agents to chat only: they take conversations, not prompts', () => {
    const agent = endpoint('other', 'agent/v1/responses');
    expect(usableFor(agent, 'chat')).toBe(true);
    expect(usableFor(agent, 'completions')).toBe(false);
    // Callers that only know the task kind keep today's answer.
    expect(usableFor({ taskKind: 'other' }, 'completions')).toBe(true);
  });

  it('recognises the agent task however it is spelled around', () => {
    expect(isResponsesAgent(' Agent/v1/Responses ')).toBe(true);
    expect(isResponsesAgent('agent/v2/chat')).toBe(false);
    expect(isResponsesAgent(null)).toBe(false);
  });
});
