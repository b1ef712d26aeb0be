import { describe, expect, it, vi } from 'vitest';
import type { ChatRequest, WorkspaceConnection } from '../../../../../electron/services/types';
import { createWorkspaceClient } from '../../../../../electron/services/workspace-client/workspace-client';
import type { ChatMessage, GenerationParams } from '../../../../../shared/domain';
import type { WireProtocol } from '../../../../../shared/model-capabilities';
import { buildChatBody, buildResponsesBody } from '../../../../../shared/request-body';
import {
  AGENT_ANSWER,
  AGENT_ANSWER_CALLS,
  RESPONSES_ANSWER,
  RESPONSES_ANSWER_CALLS,
  recordingSink,
  sse,
} from './recorded-streams';

/*
 * The wire protocol a chat is sent with: Chat Completions, the Responses API (by the model
 * table, or learned from a 400 that names it), an agent's invocations route; with a fetch
 * double that records what was sent.
 */

const HOST = 'https://ws.example.com';
const messages: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hi' },
];

const answer =
  (status: number, body: string, type = status === 200 ? 'text/event-stream' : 'application/json') =>
  () =>
    new Response(body, { status, headers: { 'content-type': type } });
const CHAT_OK = answer(
  200,
  sse([{ choices: [{ index: 0, delta: { content: 'ok' }, finish_reason: 'stop' }] }]),
);
const USE_RESPONSES = answer(
  400,
  JSON.stringify({
    error_code: 'BAD_REQUEST',
    message: 'This model only supports the Responses API. Use the Responses API instead.',
  }),
);

/** A client over a fetch double answering from a list (the last answer repeats). */
function setup(answers: (() => Response)[], flavor: WorkspaceConnection['flavor'] = 'databricks') {
  const sent: { method: string; url: string; body?: Record<string, unknown> }[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({
      method: init?.method ?? 'GET',
      url: String(url),
      ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}),
    });
    return (answers.length > 1 ? answers.shift()! : answers[0]!)();
  });
  const protocols = new Map<string, WireProtocol>();
  const client = createWorkspaceClient(
    { host: HOST, getToken: async () => 'tok', flavor },
    { fetch: fetch as unknown as typeof globalThis.fetch, sleep: async () => {}, protocols },
  );
  const chat = (request: Partial<ChatRequest> & { endpoint: string }, params: GenerationParams = {}) => {
    const { calls, sink } = recordingSink();
    const outcome = client.streamChat({ messages, params, ...request }, sink, new AbortController().signal);
    return outcome.then((o) => ({ outcome: o, calls }));
  };
  return { client, sent, protocols, chat };
}

describe('the Responses API as a second wire protocol', () => {
  it('sends a Responses-only model to /serving-endpoints/responses and reads its events', async () => {
    const { sent, chat } = setup([answer(200, RESPONSES_ANSWER)]);
    const params = { max_tokens: 300, reasoning_effort: 'low' } as const;
    const { outcome, calls } = await chat({ endpoint: 'databricks-gpt-5-5' }, params);
    expect(sent).toEqual([
      {
        method: 'POST',
        url: `${HOST}/serving-endpoints/responses`,
        body: { ...buildResponsesBody('databricks-gpt-5-5', messages, params), stream: true },
      },
    ]);
    expect(calls).toEqual(RESPONSES_ANSWER_CALLS);
    expect(outcome).toMatchObject({
      status: 'done',
      finishReasons: ['stop'],
      metrics: { reasoningTokens: 18, completionTokens: 30, retries: 0 },
    });
  });

  it('follows the listing: an endpoint listed as responses goes there whatever its name', async () => {
    const { sent, chat } = setup([answer(200, RESPONSES_ANSWER)]);
    await chat({
      endpoint: 'my-gateway',
      target: { model: null, task: 'llm/v1/chat', protocol: 'responses' },
    });
    expect(sent[0]?.url).toBe(`${HOST}/serving-endpoints/responses`);
  });

  it('uses {base}/responses on an OpenAI-compatible server', async () => {
    const { sent, chat } = setup([answer(200, RESPONSES_ANSWER)], 'openai');
    await chat({ endpoint: 'system.ai.gpt-5-5' });
    expect(sent[0]).toMatchObject({
      url: `${HOST}/responses`,
      body: { model: 'system.ai.gpt-5-5', stream: true },
    });
  });

  it('retries before the first token and reports errors inside the stream like chat', async () => {
    const limited = answer(429, JSON.stringify({ error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'QPS' }));
    const failing = answer(
      200,
      sse(
        [
          { type: 'response.output_text.delta', item_id: 'm', delta: 'Half' },
          { type: 'error', message: 'boom' },
        ],
        {
          done: false,
        },
      ),
    );
    const { chat } = setup([limited, failing]);
    const { outcome, calls } = await chat({ endpoint: 'databricks-gpt-5-5' });
    expect(calls.filter((c) => c[0] === 'retry')).toHaveLength(1);
    expect(outcome).toMatchObject({
      status: 'error',
      partial: true,
      error: { code: 'SERVER' },
      metrics: { retries: 1 },
    });
  });
});

describe('falling back to the Responses API', () => {
  it('retries once via Responses after a 400 that names it, invisibly, and remembers it', async () => {
    const { sent, chat, client, protocols } = setup([
      USE_RESPONSES,
      answer(200, RESPONSES_ANSWER),
      answer(200, RESPONSES_ANSWER),
      answer(
        200,
        JSON.stringify({ endpoints: [{ name: 'databricks-claude-next', task: 'llm/v1/chat' }] }),
        'application/json',
      ),
    ]);
    const params = { max_tokens: 100 };
    const first = await chat({ endpoint: 'databricks-claude-next' }, params);
    expect(sent.map((s) => s.url)).toEqual([
      `${HOST}/serving-endpoints/databricks-claude-next/invocations`,
      `${HOST}/serving-endpoints/responses`,
    ]);
    expect(sent[0]?.body).toEqual({ ...buildChatBody(messages, params), stream: true });
    expect(sent[1]?.body).toEqual({
      ...buildResponsesBody('databricks-claude-next', messages, params),
      stream: true,
    });
    // Invisible: no retry event, not counted as a retry, the answer as if asked that way first.
    expect(first.calls).toEqual(RESPONSES_ANSWER_CALLS);
    expect(first.outcome).toMatchObject({ status: 'done', metrics: { retries: 0 } });
    expect(protocols.get('databricks-claude-next')).toBe('responses');

    await chat({ endpoint: 'databricks-claude-next' }, params);
    expect(sent[2]?.url).toBe(`${HOST}/serving-endpoints/responses`);
    const [listed] = await client.listEndpoints();
    expect(listed).toMatchObject({ name: 'databricks-claude-next', protocol: 'responses' });
  });

  it('leaves other 400s alone', async () => {
    const refused = answer(
      400,
      JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: 'max_tokens too big' }),
    );
    const { sent, chat, protocols } = setup([refused, CHAT_OK]);
    const { outcome } = await chat({ endpoint: 'databricks-claude-sonnet-4-6' });
    expect(sent).toHaveLength(1);
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'BAD_PARAMETER' } });
    expect(protocols.size).toBe(0);
  });

  it('does not fall back when a parameter has no Responses field, but remembers the protocol', async () => {
    const { sent, chat, protocols } = setup([USE_RESPONSES, answer(200, RESPONSES_ANSWER)]);
    const { outcome } = await chat({ endpoint: 'databricks-claude-next' }, { top_k: 5 });
    expect(sent).toHaveLength(1);
    expect(outcome).toMatchObject({
      status: 'error',
      error: { message: expect.stringMatching(/Responses API/) },
    });
    expect(protocols.get('databricks-claude-next')).toBe('responses');
  });

  it('on an OpenAI server still asks once more without stream_options after another 400', async () => {
    const refused = answer(400, JSON.stringify({ error: { message: 'unknown field stream_options' } }));
    const { sent, chat } = setup([refused, CHAT_OK], 'openai');
    const { outcome } = await chat({ endpoint: 'llama' });
    expect(outcome.status).toBe('done');
    expect(sent[0]?.body).toHaveProperty('stream_options');
    expect(sent[1]?.body).not.toHaveProperty('stream_options');
  });
});

describe('agent endpoints (agent/v1/responses)', () => {
  const agent = { endpoint: 'demo-support-agent', target: { model: null, task: 'agent/v1/responses' } };

  it('posts the Responses shape to the agent’s invocations route and streams its items in order', async () => {
    const { sent, chat } = setup([answer(200, AGENT_ANSWER)]);
    const { outcome, calls } = await chat(agent);
    expect(sent).toEqual([
      {
        method: 'POST',
        url: `${HOST}/serving-endpoints/demo-support-agent/invocations`,
        body: { ...buildResponsesBody('demo-support-agent', messages, {}), stream: true },
      },
    ]);
    expect(sent[0]?.body?.input).toEqual([{ role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }]);
    expect(calls).toEqual(AGENT_ANSWER_CALLS);
    expect(outcome).toMatchObject({ status: 'done', finishReasons: ['stop'] });
  });

  it('reads a whole JSON answer from an agent that ignores stream: true', async () => {
    const whole = {
      object: 'response',
      status: 'completed',
      output: [
        { type: 'function_call', id: 'f', call_id: 'c', name: 'lookup', arguments: '{"id":1}' },
        { type: 'function_call_output', call_id: 'c', output: 'found' },
        { type: 'message', id: 'm', content: [{ type: 'output_text', text: 'Here it is.' }] },
      ],
    };
    const { chat } = setup([answer(200, JSON.stringify(whole), 'application/json')]);
    const { outcome, calls } = await chat(agent);
    expect(calls.map((c) => c[0])).toEqual(['start', 'item', 'item', 'delta']);
    expect(calls.at(-1)).toEqual(['delta', 0, 'Here it is.']);
    expect(outcome).toMatchObject({ status: 'done', finishReasons: ['stop'] });
  });
});

describe('endpoint metadata', () => {
  it('lists the protocol a chat uses: by model, by agent task, none for embeddings', async () => {
    const list = {
      endpoints: [
        { name: 'databricks-gpt-5-5', task: 'llm/v1/chat' },
        { name: 'databricks-claude-sonnet-4-6', task: 'llm/v1/chat' },
        { name: 'demo-support-agent', task: 'agent/v1/responses' },
        { name: 'databricks-gte-large-en', task: 'llm/v1/embeddings' },
      ],
    };
    const { client } = setup([answer(200, JSON.stringify(list), 'application/json')]);
    const endpoints = await client.listEndpoints();
    expect(endpoints.map((e) => [e.name, e.protocol])).toEqual([
      ['databricks-gpt-5-5', 'responses'],
      ['databricks-claude-sonnet-4-6', 'chat-completions'],
      ['demo-support-agent', 'responses'],
      ['databricks-gte-large-en', undefined],
    ]);
    const one = await client.getEndpoint('databricks-gpt-5-5');
    expect(one.protocol).toBe('responses');
  });
});
