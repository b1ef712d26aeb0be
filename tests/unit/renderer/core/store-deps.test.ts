import { describe, expect, it } from 'vitest';
import { COMMON_STORE_DEFAULTS, withCommonDeps } from '../../../../renderer/core/store-deps';

describe('withCommonDeps', () => {
  it('fills what is left out with the app defaults, once', () => {
    const input: { repo: string; now?: () => number } = { repo: 'r' };
    const deps = withCommonDeps(input);
    expect(deps.repo).toBe('r');
    expect(deps.now).toBe(COMMON_STORE_DEFAULTS.now);
    expect(deps.readPreference).toBe(COMMON_STORE_DEFAULTS.readPreference);
    expect(deps.newId()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps what is given, and treats undefined as left out', () => {
    const now = () => 42;
    const deps = withCommonDeps({ now, newId: undefined });
    expect(deps.now()).toBe(42);
    expect(deps.newId).toBe(COMMON_STORE_DEFAULTS.newId);
  });
});
