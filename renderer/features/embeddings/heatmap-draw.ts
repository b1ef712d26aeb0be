/*
 * Painting a similarity matrix: one pixel per cell into an `n × n` canvas, which CSS scales
 * up with `image-rendering: pixelated`. One ImageData write is a few milliseconds even for
 * 500 × 500, where drawing rectangles per cell would not be.
 */

/** Viridis-like stops: perceptually ordered and readable in both light and dark themes. */
const STOPS: ReadonlyArray<readonly [number, number, number]> = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The colour of `t` in 0..1 (clamped), as [r, g, b]. */
export function rampColor(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (STOPS.length - 1);
  const k = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - k;
  const a = STOPS[k] as readonly [number, number, number];
  const b = STOPS[k + 1] as readonly [number, number, number];
  return [0, 1, 2].map((c) => Math.round((a[c] as number) + ((b[c] as number) - (a[c] as number)) * f)) as [
    number,
    number,
    number,
  ];
}

let table: Uint32Array | null = null;

/**
 * The ramp sampled at 256 points as whole RGBA pixels, built once: painting is then one
 * 32-bit write per cell. Filled through a byte view, so the packing follows the platform's
 * byte order exactly as ImageData's own bytes do.
 */
function rampPixels(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  const bytes = new Uint8Array(table.buffer);
  for (let k = 0; k < 256; k++) bytes.set([...rampColor(k / 255), 255], k * 4);
  return table;
}

/** A CSS gradient of the same ramp, for the legend. */
export const RAMP_CSS = `linear-gradient(to right, ${STOPS.map(([r, g, b]) => `rgb(${r} ${g} ${b})`).join(', ')})`;

/**
 * The colour scale is absolute: cosine 0 (and below, clamped) is the darkest, 1 the
 * brightest. A scale stretched over the off-diagonal range made 0.56 look as strong as 1.0.
 */
export const SCALE = { min: 0, max: 1 } as const;

/** Where `value` sits on the ramp, 0..1: cosine below 0 clamps to 0, NaN to 0. */
export function scalePosition(value: number): number {
  const t = (value - SCALE.min) / (SCALE.max - SCALE.min);
  return t > 0 ? Math.min(t, 1) : 0;
}

/** The colour of a cosine similarity on the absolute scale, as [r, g, b]. */
export const similarityColor = (value: number) => rampColor(scalePosition(value));

/** The RGBA pixels of `matrix` (n × n) on the absolute scale (see SCALE), one per cell. */
export function heatmapPixels(matrix: Float32Array, n: number): Uint8ClampedArray<ArrayBuffer> {
  const bytes = new Uint8ClampedArray(n * n * 4);
  const pixels = new Uint32Array(bytes.buffer, 0, n * n);
  const lut = rampPixels();
  // A plain loop with no calls: 250,000 cells at 500 texts, a couple of milliseconds.
  for (let k = 0; k < n * n; k++) {
    const t = ((matrix[k] as number) - SCALE.min) * (255 / (SCALE.max - SCALE.min));
    // Clamped to 0..255; NaN fails both tests and lands on 0.
    const at = t > 0 ? Math.min(t, 255) : 0;
    pixels[k] = lut[(at + 0.5) | 0] as number;
  }
  return bytes;
}

/**
 * Largest heatmap bitmap side, in pixels. A card shows its canvas a few hundred CSS pixels
 * wide (two cards side by side), so 2,000 texts drawn one pixel per cell would be scaled
 * down on screen anyway, and a 2,000 × 2,000 canvas (16 MB) cost the page's main thread
 * 60–130 ms to draw and hand to the compositor. Above this size the worker averages blocks.
 */
export const HEATMAP_MAX_SIDE = 1024;

/** The bitmap's side for `n` texts. */
export const heatmapSide = (n: number): number => Math.ceil(n / heatmapFactor(n));

/** Cells per bitmap pixel along each side: 1 up to `max`, else the smallest factor that fits. */
export function heatmapFactor(n: number, max = HEATMAP_MAX_SIDE): number {
  return n <= max ? 1 : Math.ceil(n / max);
}

/**
 * The RGBA pixels of `matrix` (n × n) reduced by `factor`: each pixel is the mean colour of
 * its `factor × factor` cells (fewer at the right and bottom edges), which is what a browser
 * scaling the full-size picture down shows. `factor` 1 is `heatmapPixels`.
 */
export function heatmapPixelsReduced(
  matrix: Float32Array,
  n: number,
  factor: number,
): { bytes: Uint8ClampedArray<ArrayBuffer>; side: number } {
  if (factor <= 1) return { bytes: heatmapPixels(matrix, n), side: n };
  const side = Math.ceil(n / factor);
  const sums = new Float64Array(side * 3);
  const counts = new Float64Array(side);
  const bytes = new Uint8ClampedArray(side * side * 4);
  const lut = new Uint8Array(rampPixels().buffer);
  for (let oy = 0; oy < side; oy++) {
    sums.fill(0);
    counts.fill(0);
    const rowEnd = Math.min(n, (oy + 1) * factor);
    for (let i = oy * factor; i < rowEnd; i++) {
      const base = i * n;
      for (let j = 0; j < n; j++) {
        const t = ((matrix[base + j] as number) - SCALE.min) * (255 / (SCALE.max - SCALE.min));
        const at = (((t > 0 ? Math.min(t, 255) : 0) + 0.5) | 0) * 4;
        const ox = (j / factor) | 0;
        sums[ox * 3] = (sums[ox * 3] as number) + (lut[at] as number);
        sums[ox * 3 + 1] = (sums[ox * 3 + 1] as number) + (lut[at + 1] as number);
        sums[ox * 3 + 2] = (sums[ox * 3 + 2] as number) + (lut[at + 2] as number);
        counts[ox] = (counts[ox] as number) + 1;
      }
    }
    for (let ox = 0; ox < side; ox++) {
      const c = counts[ox] as number;
      const out = (oy * side + ox) * 4;
      bytes[out] = (sums[ox * 3] as number) / c;
      bytes[out + 1] = (sums[ox * 3 + 1] as number) / c;
      bytes[out + 2] = (sums[ox * 3 + 2] as number) / c;
      bytes[out + 3] = 255;
    }
  }
  return { bytes, side };
}

/**
 * The heatmap as an ImageBitmap, made where it is called (the similarity worker): the page
 * then only draws it, where making the pixels of 2,000 × 2,000 and putting them took tens of
 * milliseconds of its main thread. At most `HEATMAP_MAX_SIDE` pixels a side (see there).
 * Null where ImageBitmap is missing (the page paints then).
 */
export async function heatmapBitmap(matrix: Float32Array, n: number): Promise<ImageBitmap | null> {
  if (n === 0 || typeof createImageBitmap !== 'function' || typeof ImageData === 'undefined') return null;
  try {
    const { bytes, side } = heatmapPixelsReduced(matrix, n, heatmapFactor(n));
    return await createImageBitmap(new ImageData(bytes, side, side));
  } catch {
    return null;
  }
}

/**
 * Paints `matrix` (n × n) into `canvas` on the absolute scale (see SCALE). With the worker's
 * `bitmap` of it, the bitmap becomes the canvas's picture as it is (a "bitmaprenderer"
 * context: no copy, and no 2D canvas for the page to produce for the compositor, which cost it
 * 60–130 ms at 2,000 texts); else the pixels are made and put here. A canvas keeps its first
 * kind of context, so the caller gives each kind its own element (see Heatmap.tsx).
 */
export function drawHeatmap(
  canvas: HTMLCanvasElement,
  matrix: Float32Array,
  n: number,
  bitmap: ImageBitmap | null = null,
): void {
  // A bitmap already handed over (React running an effect twice in development) has width 0:
  // the canvas shows it already.
  if (bitmap !== null && bitmap.width === 0) return;
  // The worker's bitmap may be smaller than n (see HEATMAP_MAX_SIDE).
  if (bitmap !== null && bitmap.width === heatmapSide(n) && n > 0) {
    const renderer = canvas.getContext('bitmaprenderer');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    if (renderer) {
      renderer.transferFromImageBitmap(bitmap);
      return;
    }
    const ctx = canvas.getContext('2d');
    if (ctx) {
      ctx.drawImage(bitmap, 0, 0);
      return;
    }
  }
  canvas.width = n;
  canvas.height = n;
  const ctx = canvas.getContext('2d');
  if (!ctx || n === 0) return;
  ctx.putImageData(new ImageData(heatmapPixels(matrix, n), n, n), 0, 0);
}

/** The cell under a point of the canvas's box, or null outside it. */
export function cellAt(
  rect: { left: number; top: number; width: number; height: number },
  x: number,
  y: number,
  n: number,
): { i: number; j: number } | null {
  const i = Math.floor(((y - rect.top) / rect.height) * n);
  const j = Math.floor(((x - rect.left) / rect.width) * n);
  return i >= 0 && i < n && j >= 0 && j < n ? { i, j } : null;
}
