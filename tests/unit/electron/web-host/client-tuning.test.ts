import { describe, expect, it } from 'vitest';
import { CLIENT_TUNING_ENV, clientTuningFromEnv } from '../../../../electron/web-host/client-tuning';

/** The host's workspace-client tuning variable: JSON, checked, nothing silently ignored. */

const withValue = (value: string | undefined) => clientTuningFromEnv({ [CLIENT_TUNING_ENV]: value });

describe('clientTuningFromEnv', () => {
  it.each([undefined, '', '   '])('leaves the defaults when the variable is %j', (value) => {
    expect(withValue(value)).toEqual({});
  });

  it('passes timeouts and retry pacing through', () => {
    expect(withValue('{"timeouts":{"idleMs":1500,"connectMs":4000},"retry":{"baseDelayMs":50}}')).toEqual({
      timeouts: { idleMs: 1500, connectMs: 4000 },
      retry: { baseDelayMs: 50 },
    });
  });

  it.each([
    ['not JSON', '{idleMs:1}', /must be JSON/],
    ['an unknown key', '{"timeouts":{"idle":1500}}', /timeouts: .*idle/i],
    ['an unknown section', '{"speed":1}', /invalid/],
    ['a zero wait', '{"timeouts":{"idleMs":0}}', /timeouts\.idleMs/],
    ['a negative delay', '{"retry":{"baseDelayMs":-1}}', /retry\.baseDelayMs/],
    ['too many attempts', '{"retry":{"maxAttempts":100}}', /retry\.maxAttempts/],
  ])('refuses %s with a message naming the variable', (_what, value, problem) => {
    expect(() => withValue(value)).toThrow(CLIENT_TUNING_ENV);
    expect(() => withValue(value)).toThrow(problem);
  });
});
