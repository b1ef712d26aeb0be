import { describe, expect, it } from 'vitest';
import { createStreamRegistry } from '../../../../../electron/services/streams/stream-registry';

describe('createStreamRegistry', () => {
  it('gives each stream a unique random id and a live signal', () => {
    const registry = createStreamRegistry();
    const a = registry.start('w1');
    const b = registry.start('w1');
    expect(a.streamId).not.toBe(b.streamId);
    expect(a.streamId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.signal.aborted).toBe(false);
    expect(registry.size).toBe(2);
  });

  it('cancel aborts one stream once; unknown ids answer false', () => {
    const registry = createStreamRegistry();
    const a = registry.start('w1');
    const b = registry.start('w1');
    expect(registry.cancel(a.streamId)).toBe(true);
    expect(a.signal.aborted).toBe(true);
    expect(b.signal.aborted).toBe(false);
    expect(registry.cancel(a.streamId)).toBe(false);
    expect(registry.cancel('nope')).toBe(false);
    expect(registry.size).toBe(1);
  });

  it("a session can't cancel another session's stream", () => {
    const registry = createStreamRegistry();
    const a = registry.start('w1');
    expect(registry.cancel(a.streamId, 'w2')).toBe(false);
    expect(a.signal.aborted).toBe(false);
    expect(registry.cancel(a.streamId, 'w1')).toBe(true);
  });

  it('finish forgets without aborting', () => {
    const registry = createStreamRegistry();
    const a = registry.start('w1');
    registry.finish(a.streamId);
    registry.finish(a.streamId);
    expect(a.signal.aborted).toBe(false);
    expect(registry.cancel(a.streamId)).toBe(false);
    expect(registry.size).toBe(0);
  });

  it('abortSession aborts only that session', () => {
    const registry = createStreamRegistry();
    const a1 = registry.start('w1');
    const a2 = registry.start('w1');
    const b1 = registry.start('w2');
    expect(registry.abortSession('w1')).toBe(2);
    expect([a1.signal.aborted, a2.signal.aborted, b1.signal.aborted]).toEqual([true, true, false]);
    expect(registry.abortSession('w1')).toBe(0);
    expect(registry.abortSession('unknown')).toBe(0);
    expect(registry.size).toBe(1);
  });

  it('abortAll aborts everything', () => {
    const registry = createStreamRegistry();
    const streams = [registry.start('w1'), registry.start('w2'), registry.start('w3')];
    expect(registry.abortAll()).toBe(3);
    expect(streams.every((s) => s.signal.aborted)).toBe(true);
    expect(registry.size).toBe(0);
    expect(registry.abortAll()).toBe(0);
  });
});
