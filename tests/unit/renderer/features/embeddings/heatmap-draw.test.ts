import { describe, expect, it } from 'vitest';
import {
  HEATMAP_MAX_SIDE,
  heatmapFactor,
  heatmapPixels,
  heatmapPixelsReduced,
  heatmapSide,
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

describe('heatmapPixelsReduced', () => {
  it('is heatmapPixels at factor 1', () => {
    const m = Float32Array.from([1, 0.2, 0.2, 1]);
    const { bytes, side } = heatmapPixelsReduced(m, 2, 1);
    expect(side).toBe(2);
    expect(Array.from(bytes)).toEqual(Array.from(heatmapPixels(m, 2)));
  });

  it("averages each block's colours, with smaller blocks at the edges", () => {
    // 3 × 3 at factor 2 gives a 2 × 2 bitmap: the top-left pixel averages 4 cells, the others fewer.
    const m = Float32Array.from([1, 0, 0.2, 0, 1, 0.2, 0.5, 0.5, 1]);
    const { bytes, side } = heatmapPixelsReduced(m, 3, 2);
    expect(side).toBe(2);
    const px = (k: number) => Array.from(bytes.subarray(k * 4, k * 4 + 4));
    const top = similarityColor(1);
    const bottom = similarityColor(0);
    // The mean of two colours (a clamped array rounds halves to even).
    top.forEach((c, k) => {
      expect(Math.abs((px(0)[k] as number) - (c + (bottom[k] as number)) / 2)).toBeLessThanOrEqual(0.5);
    });
    expect(px(0)[3]).toBe(255);
    expect(px(1)).toEqual([...similarityColor(0.2), 255]);
    expect(px(2)).toEqual([...similarityColor(0.5), 255]);
    expect(px(3)).toEqual([...top, 255]);
  });

  it('keeps 2,000 texts within the bitmap cap', () => {
    expect(heatmapFactor(500)).toBe(1);
    expect(heatmapFactor(HEATMAP_MAX_SIDE)).toBe(1);
    expect(heatmapFactor(2000)).toBe(2);
    expect(heatmapSide(2000)).toBe(1000);
    expect(heatmapSide(5000)).toBeLessThanOrEqual(HEATMAP_MAX_SIDE);
  });
});
