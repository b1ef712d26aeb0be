import { describe, expect, it } from 'vitest';
import { metrics, setup } from './harness';

/* The Stream switch in compare's shared parameters: sent by every pane, kept with the setup. */

describe('compare store: the Stream switch', () => {
  it('sends stream: false from every inheriting pane and remembers it with the setup', async () => {
    const prefs = new Map<string, string>();
    const s = setup({ prefs });
    s.setPanes(['a', 'b']);
    s.state().setSharedParams({ temperature: 0, stream: false });
    await s.send('Hi');
    expect(s.chats.map((c) => c.params)).toEqual([
      { temperature: 0, stream: false },
      { temperature: 0, stream: false },
    ]);
    // A whole answer arrives as the same events: one delta, then done.
    for (const id of [s.id(1), s.id(2)]) {
      s.emit(id, 0, { type: 'delta', index: 0, text: 'whole' });
      s.emit(id, 1, { type: 'done', finishReasons: ['stop'], metrics: metrics({ streamed: false }) });
    }
    s.frame();
    await s.state().saveSetup('json answers');

    // The last setup comes back after a reload; a saved setup brings the switch back too.
    const again = setup({ prefs });
    await again.state().init();
    expect(again.state().sharedParams).toEqual({ temperature: 0, stream: false });
    s.state().setSharedParams({ temperature: 0 });
    await s.state().loadSetup(s.state().setups[0]?.id ?? '');
    expect(s.state().sharedParams).toEqual({ temperature: 0, stream: false });
  });
});
