import { describe, expect, it } from 'vitest';
import { buildUpdate } from '../../../../../renderer/features/workspaces/edit-input';
import type { WorkspaceSummary } from '../../../../../shared/domain';

/* The edit form sends only what changed. */

const ws = (extra: Partial<WorkspaceSummary> = {}): WorkspaceSummary => ({
  id: 'w',
  name: 'Prod',
  host: 'https://dbc-1.cloud.databricks.com',
  authKind: 'pat',
  createdAt: 1,
  isDemo: false,
  hasSecret: true,
  ...extra,
});
const same = { name: 'Prod', host: 'https://dbc-1.cloud.databricks.com', clientId: '', secret: '' };

describe('buildUpdate', () => {
  it('nothing changed (spaces and a trailing slash are no change): nothing to send', () => {
    expect(
      buildUpdate(ws(), { ...same, name: ' Prod ', host: 'https://dbc-1.cloud.databricks.com/' }),
    ).toEqual({
      input: null,
    });
  });

  it('a new name, URL and token, each only when changed', () => {
    expect(buildUpdate(ws(), { ...same, name: 'Production' })).toEqual({
      input: { id: 'w', name: 'Production' },
    });
    expect(buildUpdate(ws(), { ...same, host: 'dbc-2.cloud.databricks.com' })).toEqual({
      input: { id: 'w', host: 'dbc-2.cloud.databricks.com' },
    });
    expect(buildUpdate(ws(), { ...same, secret: ' dapi2 ' })).toEqual({
      input: { id: 'w', credential: { kind: 'pat', token: 'dapi2' } },
    });
  });

  it('a service principal: a new secret, and a new client id only with its secret', () => {
    const sp = ws({ authKind: 'service-principal', clientId: 'bot' });
    expect(buildUpdate(sp, { ...same, clientId: 'bot', secret: 's2' })).toEqual({
      input: { id: 'w', credential: { kind: 'service-principal', clientSecret: 's2' } },
    });
    expect(buildUpdate(sp, { ...same, clientId: 'bot-2', secret: 's2' })).toEqual({
      input: { id: 'w', credential: { kind: 'service-principal', clientSecret: 's2', clientId: 'bot-2' } },
    });
    expect(buildUpdate(sp, { ...same, clientId: 'bot-2' })).toEqual({
      problem: 'A new client ID needs its client secret too.',
    });
  });

  it('an OpenAI-compatible server: a new key when one is typed; OAuth never sends a secret', () => {
    expect(buildUpdate(ws({ authKind: 'openai' }), { ...same, secret: 'k' })).toEqual({
      input: { id: 'w', credential: { kind: 'openai', apiKey: 'k' } },
    });
    expect(buildUpdate(ws({ authKind: 'oauth' }), { ...same, secret: 'x' })).toEqual({ input: null });
  });
});
