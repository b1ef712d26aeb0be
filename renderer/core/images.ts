import { IMAGE_LIMITS } from '../../shared/limits';
import type { ImageAttachment } from './db/records';

/*
 * Images attached to a user message: what is accepted, how a large one is scaled down before
 * it is stored and sent, and how its bytes become the base64 data URL the request carries.
 * The arithmetic (target size, quality steps, encoded sizes) is pure and unit-tested; the
 * canvas part is kept thin. Everything happens in the renderer: nothing is uploaded anywhere
 * but in the request itself.
 */

const KB = 1024;
const MB = 1024 * 1024;

/** The picture types vision endpoints take (and the data-URL schema in shared/domain.ts allows). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageMime = (typeof IMAGE_TYPES)[number];

/** The file picker's `accept`. */
export const IMAGE_ACCEPT = IMAGE_TYPES.join(',');

/** The limits in one sentence, shown next to the attach button. */
export const IMAGE_LIMITS_TEXT = `PNG, JPEG, GIF or WebP; up to ${IMAGE_LIMITS.maxPerMessage} per message; larger than ${IMAGE_LIMITS.maxSide} px are scaled down; at most ${formatBytes(IMAGE_LIMITS.maxEncodedBytes)} each once sent.`;

/** JPEG qualities tried in turn until the picture fits `maxEncodedBytes`. */
export const JPEG_QUALITIES = [0.92, 0.85, 0.78, 0.7, 0.6, 0.5, 0.4] as const;

/** An image ready to attach: its metadata and the bytes that are stored and sent. */
export interface PreparedImage {
  attachment: ImageAttachment;
  blob: Blob;
}

export const isImageMime = (type: string): type is ImageMime =>
  (IMAGE_TYPES as readonly string[]).includes(type);

/**
 * The size a `width`×`height` picture is sent at: its longer side at most `maxSide`, the
 * aspect ratio kept (rounded, never below 1 px), never enlarged.
 */
export function fitWithin(
  width: number,
  height: number,
  maxSide: number = IMAGE_LIMITS.maxSide,
): { width: number; height: number } {
  const longer = Math.max(width, height);
  if (longer <= maxSide) return { width, height };
  const scale = maxSide / longer;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** Characters of base64 for `bytes` bytes (with padding). */
export const base64Length = (bytes: number): number => 4 * Math.ceil(bytes / 3);

/** Characters of the data URL `data:<mime>;base64,…` for `bytes` bytes of `mime`. */
export const dataUrlLength = (mime: string, bytes: number): number =>
  `data:${mime};base64,`.length + base64Length(bytes);

/** Whether a picture can be sent as it is: a kept type, not too large in pixels or in bytes. */
export function keepsOriginal(
  mime: string,
  width: number,
  height: number,
  bytes: number,
  limits: { maxSide: number; maxEncodedBytes: number } = IMAGE_LIMITS,
): boolean {
  return isImageMime(mime) && Math.max(width, height) <= limits.maxSide && bytes <= limits.maxEncodedBytes;
}

/** One way of encoding the scaled picture. */
export interface EncodingStep {
  mime: 'image/png' | 'image/jpeg';
  quality?: number;
}

/**
 * The encodings tried, in order, for a picture that must be re-encoded: a PNG (or a GIF or
 * WebP, which may hold sharp graphics or transparency) first stays lossless as PNG; when
 * that is too large, and for photos (JPEG), JPEG at falling quality.
 */
export function encodingPlan(sourceMime: string): EncodingStep[] {
  const jpeg = JPEG_QUALITIES.map((quality): EncodingStep => ({ mime: 'image/jpeg', quality }));
  return sourceMime === 'image/jpeg' ? jpeg : [{ mime: 'image/png' }, ...jpeg];
}

/**
 * Tries `plan` with `encode` until a result fits `maxBytes`; null when even the last step is
 * too large.
 */
export async function encodeToFit(
  plan: readonly EncodingStep[],
  encode: (step: EncodingStep) => Promise<Blob>,
  maxBytes: number = IMAGE_LIMITS.maxEncodedBytes,
): Promise<Blob | null> {
  for (const step of plan) {
    const blob = await encode(step);
    if (blob.size <= maxBytes) return blob;
  }
  return null;
}

/** "412 KB", "6.1 MB", "900 B" (binary units, as the limits are). */
export function formatBytes(bytes: number): string {
  if (bytes < KB) return `${bytes} B`;
  if (bytes < MB) return `${Math.round(bytes / KB)} KB`;
  const mb = bytes / MB;
  return `${mb < 10 ? mb.toFixed(1).replace(/\.0$/, '') : Math.round(mb)} MB`;
}

/**
 * "photo.jpg · 4032×3024, 6.1 MB → 1568×1176, 412 KB": the original and what is sent; just
 * one size when it is sent as it was.
 */
export function describeAttachment(a: ImageAttachment): string {
  const sent = `${a.width}×${a.height}, ${formatBytes(a.bytes)}`;
  const same = a.width === a.originalWidth && a.height === a.originalHeight && a.bytes === a.originalBytes;
  if (same) return `${a.name} · ${sent}`;
  return `${a.name} · ${a.originalWidth}×${a.originalHeight}, ${formatBytes(a.originalBytes)} → ${sent}`;
}

/**
 * Why a file can't be attached to a message that has `count` images already, or null: the
 * type, the file size, the number per message. Checked before anything is decoded.
 */
export function attachProblem(
  file: { name: string; type: string; size: number },
  count: number,
): string | null {
  if (!isImageMime(file.type))
    return `${file.name} is not a PNG, JPEG, GIF or WebP picture${file.type ? ` (${file.type})` : ''}.`;
  if (file.size > IMAGE_LIMITS.maxFileBytes)
    return `${file.name} is ${formatBytes(file.size)}: pictures over ${formatBytes(IMAGE_LIMITS.maxFileBytes)} are not attached.`;
  if (count >= IMAGE_LIMITS.maxPerMessage)
    return `${file.name} was not attached: at most ${IMAGE_LIMITS.maxPerMessage} images per message.`;
  return null;
}

/** Base64 of `bytes` (chunked so a 5 MB picture does not overflow the argument list). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, Math.min(i + chunk, bytes.length)));
  return btoa(binary);
}

/** The bytes of a base64 text; throws on text that is not base64. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The data URL a request carries for a stored picture. */
export async function blobToDataUrl(blob: Blob, mime: string = blob.type): Promise<string> {
  return `data:${mime};base64,${bytesToBase64(new Uint8Array(await blob.arrayBuffer()))}`;
}

/**
 * What View request and Code show instead of an image's base64 (megabytes of it would bury
 * the rest of the request): the same data URL prefix and the size actually sent.
 */
export function previewImageUrl(a: Pick<ImageAttachment, 'mime' | 'bytes'>): string {
  return `data:${a.mime};base64,<${formatBytes(base64Length(a.bytes))} of base64, elided in this preview>`;
}

// ---- the canvas part (browser only)

type Canvas = OffscreenCanvas | HTMLCanvasElement;

function canvasOf(width: number, height: number): Canvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function canvasBlob(canvas: Canvas, step: EncodingStep): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: step.mime, quality: step.quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded.'))),
      step.mime,
      step.quality,
    ),
  );
}

/** Draws `bitmap` at `width`×`height` and returns an encoder for the plan's steps. */
function drawScaled(bitmap: ImageBitmap, width: number, height: number) {
  const canvas = canvasOf(width, height);
  const context = canvas.getContext('2d') as
    | CanvasRenderingContext2D
    | OffscreenCanvasRenderingContext2D
    | null;
  if (!context) throw new Error('This browser cannot scale pictures (no 2D canvas).');
  context.imageSmoothingQuality = 'high';
  return async (step: EncodingStep): Promise<Blob> => {
    context.clearRect(0, 0, width, height);
    // JPEG has no transparency: transparent pixels become white, not black.
    if (step.mime === 'image/jpeg') {
      context.fillStyle = '#fff';
      context.fillRect(0, 0, width, height);
    }
    context.drawImage(bitmap, 0, 0, width, height);
    return canvasBlob(canvas, step);
  };
}

/**
 * Reads a picture the user attached and makes it sendable: decoded to learn its size, kept
 * as it is when it is within the limits, otherwise scaled so its longer side is at most
 * `maxSide` and re-encoded to fit `maxEncodedBytes`. Rejects with a sentence naming the file.
 */
export async function prepareImage(file: File, id: string): Promise<PreparedImage> {
  const problem = attachProblem(file, 0);
  if (problem) throw new Error(problem);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(`${file.name} could not be read as a picture (damaged, or not really a ${file.type}).`);
  }
  try {
    const original = { width: bitmap.width, height: bitmap.height, bytes: file.size };
    const base = { id, name: file.name || 'pasted image', originalWidth: original.width };
    const attachment = (mime: string, width: number, height: number, bytes: number): ImageAttachment => ({
      ...base,
      mime,
      width,
      height,
      bytes,
      originalHeight: original.height,
      originalBytes: original.bytes,
    });
    if (keepsOriginal(file.type, original.width, original.height, original.bytes))
      return {
        attachment: attachment(file.type, original.width, original.height, original.bytes),
        blob: file,
      };
    const size = fitWithin(original.width, original.height);
    const blob = await encodeToFit(encodingPlan(file.type), drawScaled(bitmap, size.width, size.height));
    if (!blob)
      throw new Error(
        `${file.name} is still over ${formatBytes(IMAGE_LIMITS.maxEncodedBytes)} after scaling down; attach a smaller picture.`,
      );
    return { attachment: attachment(blob.type, size.width, size.height, blob.size), blob };
  } finally {
    bitmap.close();
  }
}

/** A composer's draft pictures, as the attach loop reads and changes them. */
export interface DraftImagesAccess {
  count(): number;
  add(image: PreparedImage): void;
  setError(message: string | null): void;
}

/**
 * Attaches `files` to a draft: each is checked (type, size, the per-message count), prepared
 * (downscaled) and added; the ones refused are named together in the draft's error and nothing
 * else is lost. Counted again after preparing: another attach may have finished meanwhile.
 */
export async function attachFiles(
  draft: DraftImagesAccess,
  files: readonly File[],
  newId: () => string,
): Promise<void> {
  const problems: string[] = [];
  for (const file of files) {
    const problem = attachProblem(file, draft.count());
    if (problem) {
      problems.push(problem);
      continue;
    }
    try {
      const image = await prepareImage(file, newId());
      const late = attachProblem(file, draft.count());
      if (late) problems.push(late);
      else draft.add(image);
    } catch (cause) {
      problems.push(cause instanceof Error ? cause.message : String(cause));
    }
  }
  draft.setError(problems.length > 0 ? problems.join(' ') : null);
}
