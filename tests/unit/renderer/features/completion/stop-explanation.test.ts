import { describe, expect, it } from 'vitest';
import {
  describeStop,
  endPosition,
  explainStop,
} from '../../../../../renderer/features/completion/stop-explanation';

describe('endPosition', () => {
  it('counts characters, and the 1-based line and column of the end', () => {
    expect(endPosition('')).toEqual({ chars: 0, line: 1, column: 1 });
    expect(endPosition('ab\ncde')).toEqual({ chars: 6, line: 2, column: 4 });
    expect(endPosition('ab\n')).toEqual({ chars: 3, line: 2, column: 1 });
  });
});

describe('explainStop', () => {
  it('is unfinished without a finish_reason', () => {
    expect(explainStop('abc', null, ['x'])).toEqual({ kind: 'unfinished' });
  });

  it('says max_tokens for "length", whatever stop sequences were set', () => {
    const e = explainStop('abc', 'length', ['x']);
    expect(e.kind).toBe('length');
    expect(describeStop(e)).toContain('max_tokens');
    expect(describeStop(e)).toContain('after 3 characters');
  });

  it("is the model's own end when no stop sequence was set", () => {
    const e = explainStop('done.', 'stop', undefined);
    expect(e).toEqual({ kind: 'natural', at: endPosition('done.'), ruledOut: [] });
    expect(describeStop(e)).toContain("model's own end");
  });

  it('never claims a single stop sequence as a fact: the model may have ended there', () => {
    const e = explainStop('    a, b = 0, 1\n    ', 'stop', ['return']);
    expect(e.kind).toBe('stop-sequence-or-natural');
    const text = describeStop(e);
    expect(text).toContain('"return"');
    expect(text).toContain("or by the model's own end");
    expect(text).toContain('line 2, column 5');
  });

  it('rules out sequences that occur in the text (the server stops at the first occurrence)', () => {
    const e = explainStop('x = 1\nreturn x\n', 'stop', ['return', '###']);
    expect(e).toMatchObject({ kind: 'stop-sequence-or-natural', candidates: ['###'], ruledOut: ['return'] });
  });

  it("is the model's own end when every sequence is ruled out", () => {
    const e = explainStop('a END b', 'stop', ['END', 'END', '']);
    expect(e).toMatchObject({ kind: 'natural', ruledOut: ['END'] });
    expect(describeStop(e)).toContain('"END" occurs earlier in the text');
  });

  it('lists every candidate when several could have stopped it', () => {
    const e = explainStop('abc', 'stop', ['END', '###']);
    expect(describeStop(e)).toContain('one of the stop sequences "END", "###"');
  });

  it('passes other finish reasons through', () => {
    expect(describeStop(explainStop('a', 'content_filter', []))).toContain('content_filter');
  });
});
