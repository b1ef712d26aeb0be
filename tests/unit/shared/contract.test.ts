import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../../shared/contract';

/*
 * Endpoint names go into URL paths (`/serving-endpoints/{name}/invocations`), so the pattern
 * must hold for the whole string: a missing `^` or `$` anchor would let a name carry a path,
 * a query or a second line after a valid start.
 */

const chat = (endpoint: string) => ({
  streamId: randomUUID(),
  endpoint,
  messages: [{ role: 'user', content: 'Hi' }],
  params: {},
});
const accepts = (endpoint: string) => CONTRACT.startChat.request.safeParse(chat(endpoint)).success;

describe('endpoint names in the contract', () => {
  it.each(['databricks-meta-llama-3-3-70b-instruct', 'my_endpoint.v2', 'A1'])('accepts %j', (name) => {
    expect(accepts(name)).toBe(true);
  });

  it.each([
    ['a path after a valid start', 'good/../../api/2.0/secrets'],
    ['a query after a valid start', 'good?x=1'],
    ['a fragment', 'good#x'],
    ['a second line', 'good\nbad'],
    ['a trailing space', 'good '],
    ['a leading dot', '.hidden'],
    ['a dot segment', '..'],
    ['a leading dash', '-x'],
    ['an encoded slash', 'good%2F..'],
    ['empty', ''],
  ])('refuses %s (%j)', (_why, name) => {
    expect(accepts(name)).toBe(false);
  });

  it('uses the same rule for every method that names an endpoint', () => {
    const bad = 'good/../x';
    expect(
      CONTRACT.startCompletion.request.safeParse({ streamId: randomUUID(), endpoint: bad, prompt: 'p' })
        .success,
    ).toBe(false);
    expect(CONTRACT.createEmbeddings.request.safeParse({ endpoint: bad, input: ['a'] }).success).toBe(false);
    expect(CONTRACT.deleteEndpoint.request.safeParse({ name: bad }).success).toBe(false);
  });

  it('refuses stream ids that are not UUIDs (they key the registry)', () => {
    expect(CONTRACT.startChat.request.safeParse({ ...chat('ok'), streamId: 'x' }).success).toBe(false);
    expect(CONTRACT.cancelStream.request.safeParse({ streamId: `${randomUUID()}\n` }).success).toBe(false);
  });
});
