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

let table: Uint8ClampedArray | null = null;

/** The ramp sampled at 256 points, built once: no allocation per pixel when painting. */
function rampTable(): Uint8ClampedArray {
  if (table) return table;
  table = new Uint8ClampedArray(256 * 3);
  for (let k = 0; k < 256; k++) table.set(rampColor(k / 255), k * 3);
  return table;
}

/** A CSS gradient of the same ramp, for the legend. */
export const RAMP_CSS = `linear-gradient(to right, ${STOPS.map(([r, g, b]) => `rgb(${r} ${g} ${b})`).join(', ')})`;

/**
 * Paints `matrix` (n × n) into `canvas`, colours spread over `[min, max]` of the off-diagonal
 * values so that differences between texts stay visible (the diagonal, always 1, saturates).
 */
export function drawHeatmap(
  canvas: HTMLCanvasElement,
  matrix: Float32Array,
  n: number,
  range: { min: number; max: number },
): void {
  canvas.width = n;
  canvas.height = n;
  const ctx = canvas.getContext('2d');
  if (!ctx || n === 0) return;
  const image = ctx.createImageData(n, n);
  const span = range.max - range.min || 1;
  const lut = rampTable();
  for (let k = 0; k < n * n; k++) {
    const t = ((matrix[k] as number) - range.min) / span;
    const at = Math.round(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * 255) * 3;
    image.data[k * 4] = lut[at] as number;
    image.data[k * 4 + 1] = lut[at + 1] as number;
    image.data[k * 4 + 2] = lut[at + 2] as number;
    image.data[k * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
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
