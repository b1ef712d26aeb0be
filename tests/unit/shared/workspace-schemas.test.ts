import { describe, expect, it } from 'vitest';
import { CONTRACT, METHOD_BY_CHANNEL } from '../../../shared/contract';
import {
  credentialUpdateSchema,
  findExistingRequestSchema,
  importResultsSchema,
} from '../../../shared/workspace-schemas';

/* The contract entries for editing workspaces and import results: what zod lets across. */

const request = CONTRACT.updateWorkspace.request;
const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe('workspaces:update', () => {
  it('is a contract entry on its own channel', () => {
    expect(CONTRACT.updateWorkspace.channel).toBe('workspaces:update');
    expect(METHOD_BY_CHANNEL.get('workspaces:update')).toBe('updateWorkspace');
    expect(METHOD_BY_CHANNEL.get('workspaces:find-existing')).toBe('findExistingWorkspace');
  });

  it('takes a name, a URL and a credential of one kind, trimmed', () => {
    expect(
      request.parse({ id: 'p', name: ' Prod ', credential: { kind: 'pat', token: ' dapi1\n' } }),
    ).toEqual({
      id: 'p',
      name: 'Prod',
      credential: { kind: 'pat', token: 'dapi1' },
    });
    expect(request.parse({ id: 'p', host: 'https://x' })).toEqual({ id: 'p', host: 'https://x' });
    expect(credentialUpdateSchema.parse({ kind: 'service-principal', clientSecret: 's' })).toEqual({
      kind: 'service-principal',
      clientSecret: 's',
    });
    // An empty API key is allowed: it means "no key" for an open local server.
    expect(credentialUpdateSchema.parse({ kind: 'openai', apiKey: '' })).toEqual({
      kind: 'openai',
      apiKey: '',
    });
  });

  it('refuses empty edits, empty secrets, unknown kinds and extra secrets', () => {
    expect(messageOf(request.safeParse({ id: 'p' }))).toBe('Nothing to change.');
    expect(messageOf(request.safeParse({ id: 'p', credential: { kind: 'pat', token: ' ' } }))).toBe(
      'Enter the new personal access token.',
    );
    expect(
      messageOf(request.safeParse({ id: 'p', credential: { kind: 'service-principal', clientSecret: '' } })),
    ).toBe('Enter the new client secret.');
    expect(request.safeParse({ id: 'p', credential: { kind: 'oauth' } }).success).toBe(false);
    expect(request.safeParse({ id: 'p', credential: { kind: 'pat', token: 'x'.repeat(4097) } }).success).toBe(
      false,
    );
    expect(request.safeParse({ id: '', name: 'x' }).success).toBe(false);
    expect(request.safeParse({ id: 'p', name: '' }).success).toBe(false);
  });
});

describe('workspaces:find-existing and import results', () => {
  it('find-existing asks about a real kind only', () => {
    expect(findExistingRequestSchema.safeParse({ authKind: 'pat', host: 'x' }).success).toBe(true);
    expect(findExistingRequestSchema.safeParse({ authKind: 'demo', host: 'x' }).success).toBe(false);
  });

  it('an import result has one of three statuses', () => {
    const result = { id: 'cfg:a', profileName: 'a', message: 'Connection checked.', workspace: null };
    for (const status of ['imported', 'failed', 'needs-sign-in'])
      expect(importResultsSchema.safeParse({ results: [{ ...result, status }] }).success).toBe(true);
    expect(importResultsSchema.safeParse({ results: [{ ...result, status: 'skipped' }] }).success).toBe(
      false,
    );
  });
});
