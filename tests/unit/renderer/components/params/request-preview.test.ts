import { describe, expect, it } from 'vitest';
import {
  PLACEHOLDER_ENDPOINT,
  PLACEHOLDER_HOST,
  requestPreview,
} from '../../../../../renderer/components/params/request-preview';
import { buildChatBody, buildCompletionBody } from '../../../../../shared/request-body';

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
