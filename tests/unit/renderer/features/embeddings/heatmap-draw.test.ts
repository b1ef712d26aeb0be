import { describe, expect, it } from 'vitest';
import {
  heatmapPixels,
  scalePosition,
  similarityColor,
} from '../../../../../renderer/features/embeddings/heatmap-draw';

/** Relative luminance (WCAG) of an sRGB colour, to compare brightness. */
function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r as number) + 0.7152 * lin(g as number) + 0.0722 * lin(b as number);
}

describe('heatmap colour scale', () => {
  it('is absolute: 1.0 is the top, 0 and below the bottom', () => {
    expect(scalePosition(1)).toBe(1);
    expect(scalePosition(0)).toBe(0);
    expect(scalePosition(-0.4)).toBe(0);
    expect(scalePosition(Number.NaN)).toBe(0);
    expect(scalePosition(0.56)).toBeCloseTo(0.56, 6);
  });

  it('shows 0.56 clearly dimmer than the diagonal 1.0', () => {
    const mid = luminance(similarityColor(0.56));
    const top = luminance(similarityColor(1));
    expect(top).toBeGreaterThan(mid * 2);
    expect(similarityColor(1)).toEqual([253, 231, 37]);
  });
});

describe('heatmapPixels', () => {
  it("gives each cell its value's colour, opaque, row by row (the worker's bitmap and the page's paint alike)", () => {
    const values = [1, 0, -0.4, Number.NaN];
    const bytes = heatmapPixels(Float32Array.from(values), 2);
    expect(bytes).toHaveLength(16);
    values.forEach((v, k) => {
      const [r, g, b] = similarityColor(Number.isNaN(v) ? 0 : v);
      expect(Array.from(bytes.subarray(k * 4, k * 4 + 4))).toEqual([r, g, b, 255]);
    });
  });
});
