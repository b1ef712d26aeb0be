import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../shared/domain';
import { validateParams } from '../../../shared/limits';
import { capabilitiesFor } from '../../../shared/model-capabilities';
import { buildChatBody, buildResponsesBody } from '../../../shared/request-body';

const reasoned: ChatMessage = {
  role: 'assistant',
  content: 'Paris.',
  reasoning: [{ summary: [{ type: 'summary_text', text: 'The capital of France…', signature: 'sig-1' }] }],
};
const history: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Capital of France?' },
  reasoned,
  { role: 'user', content: 'And of Italy?' },
];

describe('Chat Completions bodies with reasoning', () => {
  it('sends an assistant turn that reasoned as content items, reasoning first, signatures intact', () => {
    const body = buildChatBody(history, {});
    expect((body.messages as unknown[])[2]).toEqual({
      role: 'assistant',
      content: [
        {
          type: 'reasoning',
          summary: [{ type: 'summary_text', text: 'The capital of France…', signature: 'sig-1' }],
        },
        { type: 'text', text: 'Paris.' },
      ],
    });
    expect((body.messages as unknown[])[1]).toEqual({ role: 'user', content: 'Capital of France?' });
  });

  it("sends the thinking budget as Claude's thinking object and the effort as named", () => {
    expect(buildChatBody(history.slice(0, 2), { max_tokens: 4096, thinking_budget: 2048 })).toMatchObject({
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
    const body = buildChatBody(history.slice(0, 2), { reasoning_effort: 'high' });
    expect(body.reasoning_effort).toBe('high');
    expect(body).not.toHaveProperty('thinking_budget');
  });
});

describe('Responses API bodies', () => {
  it('puts the system prompt in instructions and every turn in input items, in order', () => {
    const body = buildResponsesBody('databricks-gpt-5-5', history, {
      max_tokens: 500,
      reasoning_effort: 'low',
    });
    expect(body).toEqual({
      model: 'databricks-gpt-5-5',
      instructions: 'Be brief.',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Capital of France?' }] },
        {
          type: 'reasoning',
          summary: [{ type: 'summary_text', text: 'The capital of France…', signature: 'sig-1' }],
        },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Paris.' }] },
        { role: 'user', content: [{ type: 'input_text', text: 'And of Italy?' }] },
      ],
      max_output_tokens: 500,
      reasoning: { effort: 'low' },
    });
  });

  it("sends an agent's tool calls and outputs back as items", () => {
    const turn: ChatMessage = {
      role: 'assistant',
      content: 'Shipped.',
      items: [
        { type: 'function_call', callId: 'c1', name: 'lookup_order', arguments: '{"id":"42"}' },
        { type: 'function_call_output', callId: 'c1', output: '{"status":"shipped"}' },
      ],
    };
    const body = buildResponsesBody('demo-support-agent', [{ role: 'user', content: 'Order 42?' }, turn], {});
    expect(body.input).toEqual([
      { role: 'user', content: [{ type: 'input_text', text: 'Order 42?' }] },
      { type: 'function_call', call_id: 'c1', name: 'lookup_order', arguments: '{"id":"42"}' },
      { type: 'function_call_output', call_id: 'c1', output: '{"status":"shipped"}' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Shipped.' }] },
    ]);
  });
});

describe('reasoning parameters', () => {
  const claude = capabilitiesFor({ name: 'databricks-claude-sonnet-4-6' });
  const gpt55 = capabilitiesFor({ name: 'databricks-gpt-5-5' });

  it('refuses a budget not below max_tokens, with the numbers', () => {
    expect(validateParams({ max_tokens: 1000, thinking_budget: 1000 }, 'chat', 200_000, claude)).toEqual([
      'The thinking budget (1000) must be below max_tokens (1000).',
    ]);
    expect(validateParams({ max_tokens: 4000, thinking_budget: 2000 }, 'chat', 200_000, claude)).toEqual([]);
  });

  it('refuses settings the model does not take', () => {
    expect(validateParams({ reasoning_effort: 'minimal' }, 'chat', null, gpt55)[0]).toMatch(/not "minimal"/);
    expect(validateParams({ thinking_budget: 2000 }, 'chat', null, gpt55).join(' ')).toMatch(
      /no thinking budget/,
    );
  });

  it('refuses parameters the Responses API has no field for', () => {
    expect(validateParams({ stop: ['.'], top_k: 5 }, 'chat', null, gpt55)).toContain(
      'This endpoint speaks the Responses API, which has no top_k, stop; unset them.',
    );
  });

  it('keeps reasoning off completions endpoints', () => {
    expect(validateParams({ reasoning_effort: 'low' }, 'completions')[0]).toMatch(/for chat endpoints/);
  });
});

describe('completions bodies', () => {
  it('never carry reasoning settings (a chat preset used on a custom endpoint)', async () => {
    const { buildCompletionBody } = await import('../../../shared/request-body');
    expect(
      buildCompletionBody('Once', { max_tokens: 5, reasoning_effort: 'low', thinking_budget: 2000 }),
    ).toEqual({
      prompt: 'Once',
      max_tokens: 5,
    });
  });
});
