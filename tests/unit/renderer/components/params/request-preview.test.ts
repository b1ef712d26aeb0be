import { describe, expect, it } from 'vitest';
import {
  PLACEHOLDER_ENDPOINT,
  PLACEHOLDER_HOST,
  requestPreview,
} from '../../../../../renderer/components/params/request-preview';
import type { ChatMessage } from '../../../../../shared/domain';
import { buildChatBody, buildCompletionBody, buildResponsesBody } from '../../../../../shared/request-body';

const messages = [
  { role: 'system' as const, content: 'Be brief.' },
  { role: 'user' as const, content: 'Hi' },
];

describe('requestPreview', () => {
  it('shows exactly the body the client sends: the builder body plus stream: true', () => {
    const params = { temperature: 0.2, stop: ['###'] };
    const preview = requestPreview({
      kind: 'chat',
      endpoint: 'databricks-dbrx-instruct',
      messages,
      params,
      host: 'http://127.0.0.1:5000',
    });
    expect(preview.url).toBe('http://127.0.0.1:5000/serving-endpoints/databricks-dbrx-instruct/invocations');
    expect(preview.sentBody).toEqual({ ...buildChatBody(messages, params), stream: true });
    expect(JSON.parse(preview.json)).toEqual(preview.sentBody);
    // Same key order as the wire (workspace-client.ts stringifies {...body, stream: true}).
    expect(JSON.stringify(JSON.parse(preview.json))).toBe(
      JSON.stringify({ ...buildChatBody(messages, params), stream: true }),
    );
  });

  it('shows "stream": false when streaming is off, for chat and completions, as the client sends it', () => {
    const params = { temperature: 0, stream: false };
    const chat = requestPreview({ kind: 'chat', endpoint: 'e', messages, params, host: 'https://h' });
    expect(chat.sentBody).toEqual({ ...buildChatBody(messages, params), stream: false });
    expect(chat.json).toContain('"stream": false');
    expect(Object.keys(chat.sentBody)).toEqual(['messages', 'temperature', 'stream']);
    const completion = requestPreview({
      kind: 'completions',
      endpoint: 'e',
      prompt: 'p',
      params,
      host: null,
    });
    expect(completion.sentBody).toEqual({ prompt: 'p', temperature: 0, stream: false });
    // The snippets print the whole answer either way: the switch changes nothing there.
    expect(completion.snippets[0]!.code).not.toContain('stream');
  });

  it('unset parameters are absent from the preview', () => {
    const preview = requestPreview({ kind: 'chat', endpoint: 'e', messages, params: {}, host: 'https://h' });
    expect(Object.keys(preview.sentBody)).toEqual(['messages', 'stream']);
    expect(preview.json).not.toMatch(/temperature|max_tokens|top_p|top_k|"n"|stop/);
  });

  it('previews completions with the prompt', () => {
    const preview = requestPreview({
      kind: 'completions',
      endpoint: 'e',
      prompt: 'def f(',
      params: { max_tokens: 3 },
      host: 'https://h',
    });
    expect(preview.sentBody).toEqual({ ...buildCompletionBody('def f(', { max_tokens: 3 }), stream: true });
  });

  it('gives snippets for the same body without stream, and never a token', () => {
    const preview = requestPreview({
      kind: 'chat',
      endpoint: 'e',
      messages,
      params: { max_tokens: 9 },
      host: 'https://h',
    });
    expect(preview.snippets).toHaveLength(4);
    const curl = preview.snippets[0]!.code;
    expect(curl).toContain('"max_tokens": 9');
    expect(curl).not.toContain('"stream"');
    for (const s of preview.snippets) expect(s.code).toContain('DATABRICKS_TOKEN');
  });

  it('uses readable placeholders without a workspace or endpoint', () => {
    const preview = requestPreview({ kind: 'chat', endpoint: null, messages: [], params: {}, host: null });
    expect(preview.url).toBe(`${PLACEHOLDER_HOST}/serving-endpoints/${PLACEHOLDER_ENDPOINT}/invocations`);
  });
});

describe('requestPreview with reasoning and the Responses API', () => {
  const reasoning = [{ summary: [{ type: 'summary_text' as const, text: 'Plan.', signature: 'sig==' }] }];
  const turns: ChatMessage[] = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello.', reasoning },
    { role: 'user', content: 'Again' },
  ];

  it('shows the second turn of a Chat Completions chat with the reasoning it sends back', () => {
    const params = { max_tokens: 4000, thinking_budget: 2000 };
    const preview = requestPreview({
      kind: 'chat',
      endpoint: 'c',
      messages: turns,
      params,
      host: 'https://h',
    });
    expect(preview.sentBody).toEqual({ ...buildChatBody(turns, params), stream: true });
    expect(preview.sentBody.messages).toContainEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Plan.', signature: 'sig==' }] },
        { type: 'text', text: 'Hello.' },
      ],
    });
    expect(preview.sentBody.thinking).toEqual({ type: 'enabled', budget_tokens: 2000 });
  });

  it('shows the Responses body and route for an endpoint that speaks it', () => {
    const params = { max_tokens: 500, reasoning_effort: 'high' as const };
    const preview = requestPreview({
      kind: 'chat',
      endpoint: 'databricks-gpt-5-5',
      messages: turns,
      params,
      host: 'https://h',
      protocol: 'responses',
    });
    expect(preview.url).toBe('https://h/serving-endpoints/responses');
    expect(JSON.stringify(preview.sentBody)).toBe(
      JSON.stringify({ ...buildResponsesBody('databricks-gpt-5-5', turns, params), stream: true }),
    );
    expect(preview.sentBody).toMatchObject({ instructions: 'Be brief.', max_output_tokens: 500 });
    expect(JSON.stringify(preview.sentBody.input)).toContain('"signature":"sig=="');
    // The code export's Responses flavour, from the same body.
    expect(preview.snippets.map((s) => s.id)).toEqual(['curl', 'python-sdk', 'python-openai', 'typescript']);
    expect(preview.snippets[0]?.code).toContain('"max_output_tokens": 500');
    expect(preview.snippets[0]?.code).toContain('/serving-endpoints/responses');
    expect(preview.snippets[2]?.code).toContain('client.responses.create');
  });

  it('calls an agent on its own invocations route', () => {
    const preview = requestPreview({
      kind: 'chat',
      endpoint: 'demo-support-agent',
      messages: turns,
      params: {},
      host: 'https://h',
      protocol: 'responses',
      agent: true,
    });
    expect(preview.url).toBe('https://h/serving-endpoints/demo-support-agent/invocations');
    expect(preview.sentBody).toMatchObject({ model: 'demo-support-agent', stream: true });
  });
});
