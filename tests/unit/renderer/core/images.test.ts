import { describe, expect, it } from 'vitest';
import type { ImageAttachment } from '../../../../renderer/core/db/records';
import {
  attachProblem,
  base64Length,
  base64ToBytes,
  blobToDataUrl,
  bytesToBase64,
  dataUrlLength,
  describeAttachment,
  type EncodingStep,
  encodeToFit,
  encodingPlan,
  fitWithin,
  formatBytes,
  IMAGE_LIMITS_TEXT,
  JPEG_QUALITIES,
  keepsOriginal,
  previewImageUrl,
} from '../../../../renderer/core/images';
import { MAX_IMAGE_URL_CHARS } from '../../../../shared/domain';
import { IMAGE_LIMITS } from '../../../../shared/limits';

const MB = 1024 * 1024;

describe('fitWithin', () => {
  it('scales the longer side down to the limit, keeping the aspect ratio', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1568, height: 1176 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1176, height: 1568 });
    expect(fitWithin(2000, 1000, 1000)).toEqual({ width: 1000, height: 500 });
  });

  it('never enlarges, and keeps a sliver at least one pixel wide', () => {
    expect(fitWithin(64, 48)).toEqual({ width: 64, height: 48 });
    expect(fitWithin(1568, 10)).toEqual({ width: 1568, height: 10 });
    expect(fitWithin(100_000, 1)).toEqual({ width: 1568, height: 1 });
  });
});

describe('encoded sizes', () => {
  it('counts base64 characters with padding', () => {
    expect(base64Length(0)).toBe(0);
    expect(base64Length(1)).toBe(4);
    expect(base64Length(3)).toBe(4);
    expect(base64Length(4)).toBe(8);
    expect(bytesToBase64(new Uint8Array([1, 2, 3, 4])).length).toBe(base64Length(4));
  });

  it('fits the largest picture sent into the data URL limit of the bridge', () => {
    expect(dataUrlLength('image/jpeg', IMAGE_LIMITS.maxEncodedBytes)).toBeLessThanOrEqual(
      MAX_IMAGE_URL_CHARS,
    );
  });

  it('round-trips bytes through base64, large ones included', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    const back = base64ToBytes(bytesToBase64(bytes));
    expect(back.length === bytes.length && back.every((v, i) => v === bytes[i])).toBe(true);
  });

  it('makes the data URL a request carries from a blob', async () => {
    const url = await blobToDataUrl(new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }));
    expect(url).toBe('data:image/jpeg;base64,/9j/');
  });
});

describe('keeping or re-encoding', () => {
  it('keeps a picture within every limit as it is', () => {
    expect(keepsOriginal('image/png', 64, 48, 1_000)).toBe(true);
    expect(keepsOriginal('image/gif', 1568, 1568, 5 * MB)).toBe(true);
  });

  it('re-encodes one too large in pixels or in bytes', () => {
    expect(keepsOriginal('image/jpeg', 4032, 3024, 1_000)).toBe(false);
    expect(keepsOriginal('image/webp', 800, 600, 5 * MB + 1)).toBe(false);
  });

  it('tries PNG first for a PNG, then JPEG at falling quality; a JPEG stays JPEG', () => {
    const png = encodingPlan('image/png');
    expect(png[0]).toEqual({ mime: 'image/png' });
    expect(png.slice(1).map((s) => s.quality)).toEqual([...JPEG_QUALITIES]);
    expect(encodingPlan('image/jpeg').every((s) => s.mime === 'image/jpeg')).toBe(true);
    const qualities = [...JPEG_QUALITIES];
    expect(qualities).toEqual([...qualities].sort((a, b) => b - a));
  });

  it('steps down until the result fits, and says when nothing does', async () => {
    const tried: EncodingStep[] = [];
    const sizes = [9, 7, 5, 3];
    const encode = async (step: EncodingStep) => {
      tried.push(step);
      return new Blob([new Uint8Array(sizes[tried.length - 1] ?? 1)], { type: step.mime });
    };
    const plan = encodingPlan('image/png');
    const fitted = await encodeToFit(plan, encode, 5);
    expect(fitted?.size).toBe(5);
    expect(tried).toEqual(plan.slice(0, 3));
    expect(
      await encodeToFit(plan, async (s) => new Blob([new Uint8Array(10)], { type: s.mime }), 5),
    ).toBeNull();
  });
});

const attachment = (patch: Partial<ImageAttachment> = {}): ImageAttachment => ({
  id: 'i1',
  name: 'photo.jpg',
  mime: 'image/jpeg',
  width: 1568,
  height: 1176,
  bytes: 412 * 1024,
  originalWidth: 4032,
  originalHeight: 3024,
  originalBytes: Math.round(6.1 * MB),
  ...patch,
});

describe('words', () => {
  it('formats sizes in binary units', () => {
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(412 * 1024)).toBe('412 KB');
    expect(formatBytes(Math.round(6.1 * MB))).toBe('6.1 MB');
    expect(formatBytes(5 * MB)).toBe('5 MB');
    expect(formatBytes(40 * MB)).toBe('40 MB');
  });

  it('describes what is sent next to the original', () => {
    expect(describeAttachment(attachment())).toBe('photo.jpg · 4032×3024, 6.1 MB → 1568×1176, 412 KB');
    const same = attachment({ name: 'red.png', width: 64, height: 48, bytes: 300 });
    expect(describeAttachment({ ...same, originalWidth: 64, originalHeight: 48, originalBytes: 300 })).toBe(
      'red.png · 64×48, 300 B',
    );
  });

  it('states the limits', () => {
    expect(IMAGE_LIMITS_TEXT).toBe(
      'PNG, JPEG, GIF or WebP; up to 20 per message; larger than 1568 px are scaled down; at most 5 MB each once sent.',
    );
  });

  it('shortens the base64 in the preview only, saying how much is sent', () => {
    expect(previewImageUrl({ mime: 'image/png', bytes: 3 * 1024 })).toBe(
      'data:image/png;base64,<4 KB of base64, elided in this preview>',
    );
  });
});

describe('attachProblem', () => {
  const file = (patch: Partial<{ name: string; type: string; size: number }> = {}) => ({
    name: 'a.png',
    type: 'image/png',
    size: 1_000,
    ...patch,
  });

  it('accepts the four picture types under the limits', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp'])
      expect(attachProblem(file({ type }), 0)).toBeNull();
    expect(attachProblem(file(), IMAGE_LIMITS.maxPerMessage - 1)).toBeNull();
  });

  it('refuses another type, naming the file', () => {
    expect(attachProblem(file({ name: 'notes.pdf', type: 'application/pdf' }), 0)).toBe(
      'notes.pdf is not a PNG, JPEG, GIF or WebP picture (application/pdf).',
    );
    expect(attachProblem(file({ name: 'x.svg', type: 'image/svg+xml' }), 0)).toContain('not a PNG');
  });

  it('refuses a file over the size limit', () => {
    expect(attachProblem(file({ size: IMAGE_LIMITS.maxFileBytes + 1 }), 0)).toBe(
      'a.png is 40 MB: pictures over 40 MB are not attached.',
    );
  });

  it('refuses the 21st image', () => {
    expect(attachProblem(file(), IMAGE_LIMITS.maxPerMessage)).toBe(
      'a.png was not attached: at most 20 images per message.',
    );
  });
});
