import type { PackedEmbeddings } from '../../../shared/contract';

/*
 * Unpacking the vectors of an embeddings answer (see `packedEmbeddingsSchema` in the
 * contract): one base64 string of float32 bytes becomes one Float32Array per text.
 */

/** `Uint8Array.fromBase64` (Chromium 140+, so Electron 40 and current browsers); not yet in TS's lib. */
type WithFromBase64 = typeof Uint8Array & { fromBase64?: (text: string) => Uint8Array };

/**
 * Base64 → bytes. The native decoder where there is one (about a millisecond for a full
 * batch); else `atob` and a copy loop, a few milliseconds: either is far below a frame's
 * budget, where parsing the same vectors as JSON numbers took tens of milliseconds.
 */
export function base64Bytes(text: string): Uint8Array {
  const native = (Uint8Array as WithFromBase64).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
  return bytes;
}

/**
 * The answer's vectors, one Float32Array each, in order: views into one buffer, not copies
 * (150 copies of 4 KB on every batch were a third of the page's work per batch). Whoever keeps
 * one alone (the cache: IndexedDB stores a view together with its whole buffer) copies it
 * then, see `ownCopy`. Throws when the bytes are not `count × dim` float32 numbers (the host
 * checked already; this page does not assume it).
 */
export function unpackVectors(packed: Pick<PackedEmbeddings, 'count' | 'dim' | 'vectors'>): Float32Array[] {
  const { count, dim } = packed;
  const decoded = base64Bytes(packed.vectors);
  if (decoded.byteLength !== count * dim * 4)
    throw new Error(`expected ${count} × ${dim} numbers, got ${decoded.byteLength} bytes`);
  // A float view must start at a multiple of 4; a fresh decode does, a copy makes sure.
  const bytes = decoded.byteOffset % 4 === 0 ? decoded : decoded.slice();
  const all = new Float32Array(bytes.buffer, bytes.byteOffset, count * dim);
  return Array.from({ length: count }, (_, k) => all.subarray(k * dim, (k + 1) * dim));
}

/** `vector` on a buffer of its own: itself when it already is, else a copy. */
export function ownCopy(vector: Float32Array): Float32Array {
  return vector.byteOffset === 0 && vector.byteLength === vector.buffer.byteLength ? vector : vector.slice();
}
