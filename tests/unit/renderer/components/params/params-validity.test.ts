import { describe, expect, it } from 'vitest';
import {
  selectParamsBlocked,
  selectParamsProblem,
  useParamsValidity,
} from '../../../../../renderer/components/params/params-validity';

describe('useParamsValidity', () => {
  it('blocks while any control holds refused input', () => {
    const { report } = useParamsValidity.getState();
    expect(selectParamsBlocked(useParamsValidity.getState())).toBe(false);
    report('temperature', 'temperature must be between 0 and 2; got 3.');
    expect(selectParamsBlocked(useParamsValidity.getState())).toBe(true);
    expect(selectParamsProblem(useParamsValidity.getState())).toMatch(/got 3/);
    const before = useParamsValidity.getState();
    report('temperature', 'temperature must be between 0 and 2; got 3.');
    // Reporting the same thing again changes nothing (no re-render loop).
    expect(useParamsValidity.getState()).toBe(before);
    report('temperature', null);
    expect(selectParamsBlocked(useParamsValidity.getState())).toBe(false);
  });
});
