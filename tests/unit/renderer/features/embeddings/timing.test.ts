import { afterEach, describe, expect, it } from 'vitest';
import {
  measureRunRendered,
  measureSpan,
  RUN_MEASURE,
  SIMILARITY_MEASURE,
} from '../../../../../renderer/features/embeddings/timing';

const measures = (name: string) => performance.getEntriesByName(name, 'measure') as PerformanceMeasure[];

afterEach(() => performance.clearMeasures());

describe('timing', () => {
  it('records a span with its detail', () => {
    measureSpan(SIMILARITY_MEASURE, 10, 25, { models: 2 });
    const [m] = measures(SIMILARITY_MEASURE);
    expect(m?.startTime).toBe(10);
    expect(m?.duration).toBe(15);
    expect(m?.detail).toEqual({ models: 2 });
  });

  it('ends a run once, however often its results render', () => {
    const run = { startedAt: performance.now() };
    measureRunRendered(run);
    measureRunRendered(run);
    expect(measures(RUN_MEASURE)).toHaveLength(1);
  });

  it('never throws, even for a span User Timing refuses', () => {
    expect(() => measureSpan(SIMILARITY_MEASURE, -5, Number.NaN)).not.toThrow();
  });
});
