import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createStreamRegistry } from '../../../../../electron/services/streams/stream-registry';
import { StudioFailure } from '../../../../../shared/errors';

describe('createStreamRegistry', () => {
  it('registers streams under the ids the renderer chose, each with a live signal', () => {
    const registry = createStreamRegistry();
    const a = registry.start('w1', 'a');
    const b = registry.start('w1', 'b');
    expect(a).not.toBe(b);
    expect(a.aborted).toBe(false);
    expect(registry.size).toBe(2);
  });

  it('refuses an id its session already runs, with INVALID_INPUT; a finished id may come back', () => {
    const registry = createStreamRegistry();
    const id = randomUUID();
    const first = registry.start('w1', id);
    let thrown: unknown;
    try {
      registry.start('w1', id);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(StudioFailure);
    expect((thrown as StudioFailure).error).toMatchObject({
      code: 'INVALID_INPUT',
      message: /already running/,
    });
    expect(first.aborted).toBe(false);
    expect(registry.size).toBe(1);
    registry.finish('w1', id);
    expect(registry.start('w1', id).aborted).toBe(false);
  });

  it('keeps ids per session: the same id in two sessions is two streams', () => {
    const registry = createStreamRegistry();
    const mine = registry.start('w1', 'same');
    const theirs = registry.start('w2', 'same');
    expect(registry.size).toBe(2);
    expect(registry.cancel('w2', 'same')).toBe(true);
    expect([mine.aborted, theirs.aborted]).toEqual([false, true]);
  });

  it('cancel aborts one stream once; unknown ids answer false', () => {
    const registry = createStreamRegistry();
    const a = registry.start('w1', 'a');
    const b = registry.start('w1', 'b');
    expect(registry.cancel('w1', 'a')).toBe(true);
    expect(a.aborted).toBe(true);
    expect(b.aborted).toBe(false);
    expect(registry.cancel('w1', 'a')).toBe(false);
    expect(registry.cancel('w1', 'nope')).toBe(false);
    expect(registry.size).toBe(1);
  });

  it("a session can't cancel another session's stream", () => {
    const registry = createStreamRegistry();
    const a = registry.start('w1', 'a');
    expect(registry.cancel('w2', 'a')).toBe(false);
    expect(a.aborted).toBe(false);
    expect(registry.cancel('w1', 'a')).toBe(true);
  });

  it('finish forgets without aborting, and only for its own session', () => {
    const registry = createStreamRegistry();
    const a = registry.start('w1', 'a');
    registry.finish('w2', 'a');
    expect(registry.size).toBe(1);
    registry.finish('w1', 'a');
    registry.finish('w1', 'a');
    expect(a.aborted).toBe(false);
    expect(registry.cancel('w1', 'a')).toBe(false);
    expect(registry.size).toBe(0);
  });

  it('abortSession aborts only that session', () => {
    const registry = createStreamRegistry();
    const a1 = registry.start('w1', 'a1');
    const a2 = registry.start('w1', 'a2');
    const b1 = registry.start('w2', 'b1');
    expect(registry.abortSession('w1')).toBe(2);
    expect([a1.aborted, a2.aborted, b1.aborted]).toEqual([true, true, false]);
    expect(registry.abortSession('w1')).toBe(0);
    expect(registry.abortSession('unknown')).toBe(0);
    expect(registry.size).toBe(1);
  });

  it('abortAll aborts everything', () => {
    const registry = createStreamRegistry();
    const signals = [registry.start('w1', 'a'), registry.start('w2', 'a'), registry.start('w3', 'b')];
    expect(registry.abortAll()).toBe(3);
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(registry.size).toBe(0);
    expect(registry.abortAll()).toBe(0);
  });

  it('refuses a stream beyond the per-session maximum with BUSY; other sessions and finished slots are free', () => {
    const registry = createStreamRegistry(2);
    registry.start('w1', 'a');
    registry.start('w1', 'b');
    expect(() => registry.start('w1', 'c')).toThrow(
      expect.objectContaining({ error: expect.objectContaining({ code: 'BUSY' }) }),
    );
    registry.start('w2', 'c');
    registry.finish('w1', 'a');
    registry.start('w1', 'c');
    expect(registry.size).toBe(3);
  });
});
