import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { invalidParameter } from './http-util';

/**
 * What the demo's vision models see in an image: its pixel size and its dominant colour.
 * PNG and JPEG are decoded (pngjs, jpeg-js); GIF and WebP are measured from their headers
 * only. The dominant colour is the palette name most pixels fall in, each pixel named by its
 * hue, saturation and lightness; fully transparent pixels don't count.
 */

/** One image of a request, as the model describes it. */
export interface ImageInfo {
  width: number;
  height: number;
  /** The palette name most pixels fall in; null when the pixels were not decoded (GIF, WebP). */
  colour: string | null;
  format: 'png' | 'jpeg' | 'gif' | 'webp';
}

const DATA_URL = /^data:image\/(png|jpeg|jpg|gif|webp);base64,([A-Za-z0-9+/\s]*={0,2})$/;
/** Pixels sampled per image at most: enough for a dominant colour, cheap on large images. */
const SAMPLES = 40_000;
/** jpeg-js refuses larger images (and so does the app, which scales down to 1568 px). */
const MAX_MEGAPIXELS = 50;

/** Names an RGB colour from the palette (red … grey) by hue, saturation and lightness. */
export function colourName(r: number, g: number, b: number): string {
  const max = Math.max(r, g, b) / 255;
  const min = Math.min(r, g, b) / 255;
  const l = (max + min) / 2;
  const d = max - min;
  if (l < 0.12) return 'black';
  if (l > 0.92) return 'white';
  const s = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
  if (s < 0.18) return l > 0.85 ? 'white' : l < 0.18 ? 'black' : 'grey';
  let h: number;
  const [rn, gn, bn] = [r / 255, g / 255, b / 255];
  if (max === rn) h = 60 * (((gn - bn) / d + 6) % 6);
  else if (max === gn) h = 60 * ((bn - rn) / d + 2);
  else h = 60 * ((rn - gn) / d + 4);
  if (h < 15 || h >= 345) return l > 0.75 ? 'pink' : l < 0.3 ? 'brown' : 'red';
  if (h < 45) return l < 0.4 ? 'brown' : 'orange';
  if (h < 70) return l < 0.3 ? 'brown' : 'yellow';
  if (h < 165) return 'green';
  if (h < 195) return 'cyan';
  if (h < 255) return 'blue';
  if (h < 290) return 'purple';
  return 'pink';
}

/** The most common colour name of RGBA pixels (sampled). */
function dominant(data: Uint8Array, width: number, height: number): string {
  const total = width * height;
  const stride = Math.max(1, Math.floor(total / SAMPLES));
  const counts = new Map<string, number>();
  for (let p = 0; p < total; p += stride) {
    const o = p * 4;
    if ((data[o + 3] ?? 255) === 0) continue;
    const name = colourName(data[o] ?? 0, data[o + 1] ?? 0, data[o + 2] ?? 0);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best = 'white';
  let most = 0;
  for (const [name, n] of counts)
    if (n > most) {
      best = name;
      most = n;
    }
  return best;
}

/** GIF: logical screen size at bytes 6–9; WebP: from the VP8 / VP8L / VP8X chunk. */
function headerSize(bytes: Buffer, format: 'gif' | 'webp'): { width: number; height: number } | null {
  if (format === 'gif') {
    if (bytes.length < 10 || !bytes.subarray(0, 4).equals(Buffer.from('GIF8'))) return null;
    return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  }
  if (
    bytes.length < 30 ||
    bytes.toString('ascii', 0, 4) !== 'RIFF' ||
    bytes.toString('ascii', 8, 12) !== 'WEBP'
  )
    return null;
  const chunk = bytes.toString('ascii', 12, 16);
  if (chunk === 'VP8 ')
    return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = bytes.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
  return null;
}

function decodePixels(
  bytes: Buffer,
  format: 'png' | 'jpeg',
): { width: number; height: number; data: Uint8Array } {
  if (format === 'png') {
    // Check the size in the header first: decoding allocates 4 bytes per pixel.
    const pixels = bytes.length >= 24 ? bytes.readUInt32BE(16) * bytes.readUInt32BE(20) : 0;
    if (pixels > MAX_MEGAPIXELS * 1_000_000) throw new Error(`larger than ${MAX_MEGAPIXELS} megapixels`);
    return PNG.sync.read(bytes);
  }
  return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS });
}

/**
 * Reads an image sent as a data URL; `where` names it in errors ("messages[0].content[1]").
 * Only base64 data URLs are taken: this workspace is offline and fetches no image URLs.
 */
export function readImage(url: unknown, where: string): ImageInfo {
  if (typeof url !== 'string' || url === '') throw invalidParameter(`${where}: the image URL is missing.`);
  if (/^https?:/i.test(url))
    throw invalidParameter(
      `${where}: this workspace does not fetch image URLs; send the image as a base64 data URL (data:image/png;base64,…).`,
    );
  const match = DATA_URL.exec(url);
  if (!match)
    throw invalidParameter(
      `${where}: the image is not a base64 data URL of a PNG, JPEG, GIF or WebP image (data:image/png;base64,…).`,
    );
  const kind = match[1] === 'jpg' ? 'jpeg' : (match[1] as ImageInfo['format']);
  const bytes = Buffer.from(match[2] ?? '', 'base64');
  if (kind === 'gif' || kind === 'webp') {
    const size = headerSize(bytes, kind);
    if (!size) throw invalidParameter(`${where}: the image could not be decoded as ${kind.toUpperCase()}.`);
    return { ...size, colour: null, format: kind };
  }
  try {
    const { width, height, data } = decodePixels(bytes, kind);
    return { width, height, colour: dominant(data, width, height), format: kind };
  } catch (error) {
    const why = error instanceof Error ? ` (${error.message})` : '';
    throw invalidParameter(`${where}: the image could not be decoded as ${kind.toUpperCase()}${why}.`);
  }
}

/** One sentence per image, in order: "Image 1 is 64×48 pixels, mostly red." */
export function describeImages(images: readonly ImageInfo[]): string {
  return images
    .map((image, i) => {
      const size = `Image ${i + 1} is ${image.width}×${image.height} pixels`;
      return image.colour
        ? `${size}, mostly ${image.colour}.`
        : `${size} (a ${image.format.toUpperCase()}: I can only tell its size).`;
    })
    .join(' ');
}

/** Prompt tokens of the images of these messages: width × height / 750 each, as Claude counts. */
export function imageTokens(messages: readonly { images?: readonly ImageInfo[] }[]): number {
  let tokens = 0;
  for (const m of messages)
    for (const image of m.images ?? []) tokens += Math.max(1, Math.ceil((image.width * image.height) / 750));
  return tokens;
}
