import { describe, expect, it } from 'vitest';
import { CHANNEL_METHODS, CHANNELS } from '../../../shared/channels';
import { CONTRACT, METHOD_NAMES } from '../../../shared/contract';

describe('the channel table the renderer sends calls with', () => {
  it('names every contract method, in the same order, with its channel', () => {
    expect(CHANNEL_METHODS).toEqual(METHOD_NAMES);
    for (const method of METHOD_NAMES) expect(CHANNELS[method]).toBe(CONTRACT[method].channel);
  });
});
