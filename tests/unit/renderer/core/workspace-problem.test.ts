import { describe, expect, it } from 'vitest';
import {
  credentialActionLabel,
  problemOptionLabel,
  problemSentence,
  workspaceProblemOf,
} from '../../../../renderer/core/workspace-problem';
import type { ErrorCode } from '../../../../shared/errors';

/* An endpoint list that fails because of the workspace says so, not "no chat endpoint". */

const error = (code: ErrorCode) => ({ code, message: 'x' });

describe('workspaceProblemOf', () => {
  it.each(['NETWORK', 'TIMEOUT', 'UNAVAILABLE', 'SERVER', 'BAD_RESPONSE'] as const)(
    '%s: unreachable',
    (code) => {
      expect(workspaceProblemOf(error(code))).toBe('unreachable');
    },
  );
  it.each(['AUTH', 'PERMISSION', 'NOT_CONFIGURED', 'KEYCHAIN_UNAVAILABLE'] as const)(
    '%s: credentials',
    (code) => {
      expect(workspaceProblemOf(error(code))).toBe('credentials');
    },
  );
  it('anything else (or nothing) is not the workspace', () => {
    expect(workspaceProblemOf(error('RATE_LIMITED'))).toBeNull();
    expect(workspaceProblemOf(error('INVALID_REQUEST'))).toBeNull();
    expect(workspaceProblemOf(null)).toBeNull();
  });
});

describe('the words', () => {
  it('name the workspace by name and URL, and the picker says what is wrong', () => {
    expect(problemSentence('unreachable', { name: 'Prod', host: 'https://p' })).toBe(
      "Prod (https://p) can't be reached, so its endpoints can't be listed.",
    );
    expect(problemSentence('credentials', { name: 'Prod', host: '' })).toMatch(
      /^Prod refused its credentials/,
    );
    expect(problemOptionLabel('unreachable')).toBe('Workspace unreachable');
    expect(problemOptionLabel('credentials')).toBe('Credentials refused');
  });

  it('the credential fix is named for the kind of workspace', () => {
    expect(credentialActionLabel('pat')).toBe('Update token');
    expect(credentialActionLabel('oauth')).toBe('Sign in again');
    expect(credentialActionLabel('service-principal')).toBe('Update client secret');
    expect(credentialActionLabel('openai')).toBe('Update API key');
  });
});
