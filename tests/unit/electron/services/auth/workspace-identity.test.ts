import { describe, expect, it } from 'vitest';
import { findSameIdentity, sameIdentity } from '../../../../../electron/services/auth/workspace-identity';
import type { WorkspaceProfile } from '../../../../../shared/domain';

/* When connecting or importing finds "the same workspace" (then it is updated, not duplicated). */

const HOST = 'https://dbc-1.cloud.databricks.com';
const profile = (extra: Partial<WorkspaceProfile>): WorkspaceProfile => ({
  id: 'p',
  name: 'P',
  host: HOST,
  authKind: 'pat',
  createdAt: 1,
  ...extra,
});

describe('sameIdentity', () => {
  it('a PAT workspace is its host; another kind on that host is not it', () => {
    expect(sameIdentity(profile({}), { authKind: 'pat', host: HOST })).toBe(true);
    expect(sameIdentity(profile({}), { authKind: 'pat', host: 'https://dbc-2.cloud.databricks.com' })).toBe(
      false,
    );
    expect(sameIdentity(profile({}), { authKind: 'oauth', host: HOST })).toBe(false);
  });

  it('a service principal is its host and client id', () => {
    const sp = profile({ authKind: 'service-principal', clientId: 'bot' });
    expect(sameIdentity(sp, { authKind: 'service-principal', host: HOST, clientId: 'bot' })).toBe(true);
    expect(sameIdentity(sp, { authKind: 'service-principal', host: HOST, clientId: 'other' })).toBe(false);
  });

  it('OAuth without a client id is the databricks-cli client (imported profiles have none)', () => {
    const imported = profile({ authKind: 'oauth' });
    const signedIn = profile({ authKind: 'oauth', clientId: 'databricks-cli' });
    expect(sameIdentity(imported, { authKind: 'oauth', host: HOST, clientId: 'databricks-cli' })).toBe(true);
    expect(sameIdentity(signedIn, { authKind: 'oauth', host: HOST, clientId: null })).toBe(true);
    expect(sameIdentity(signedIn, { authKind: 'oauth', host: HOST, clientId: 'my-app' })).toBe(false);
  });

  it('an OpenAI-compatible server is its base URL', () => {
    const server = profile({ authKind: 'openai', host: 'http://localhost:8000/v1' });
    expect(sameIdentity(server, { authKind: 'openai', host: 'http://localhost:8000/v1' })).toBe(true);
    expect(sameIdentity(server, { authKind: 'openai', host: 'http://localhost:8001/v1' })).toBe(false);
  });
});

describe('findSameIdentity', () => {
  it('finds the first match, skipping the workspace being edited', () => {
    const a = profile({ id: 'a' });
    const b = profile({ id: 'b' });
    expect(findSameIdentity([a, b], { authKind: 'pat', host: HOST })?.id).toBe('a');
    expect(findSameIdentity([a, b], { authKind: 'pat', host: HOST }, 'a')?.id).toBe('b');
    expect(findSameIdentity([], { authKind: 'pat', host: HOST })).toBeNull();
  });
});
