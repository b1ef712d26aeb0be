import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasCommand, registerCommand, runCommand } from '../../../../renderer/core/commands';

describe('commands', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('runs the registered handler and says whether one ran', () => {
    const run = vi.fn();
    cleanups.push(registerCommand('chat.new', run));
    expect(runCommand('chat.new')).toBe(true);
    expect(run).toHaveBeenCalledTimes(1);
    expect(runCommand('chat.stop')).toBe(false);
  });

  it('registering twice replaces the handler', () => {
    const first = vi.fn();
    const second = vi.fn();
    cleanups.push(registerCommand('chat.stop', first), registerCommand('chat.stop', second));
    runCommand('chat.stop');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('unregister removes the handler, but not a newer one', () => {
    const stale = registerCommand('chat.regenerate', vi.fn());
    const fresh = vi.fn();
    cleanups.push(registerCommand('chat.regenerate', fresh));
    stale();
    expect(hasCommand('chat.regenerate')).toBe(true);
    runCommand('chat.regenerate');
    expect(fresh).toHaveBeenCalledTimes(1);
    cleanups.pop()?.();
    expect(hasCommand('chat.regenerate')).toBe(false);
  });

  it('a handler that throws does not break the caller', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    cleanups.push(
      registerCommand('chat.copy-last', () => {
        throw new Error('no clipboard');
      }),
    );
    expect(runCommand('chat.copy-last')).toBe(true);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
