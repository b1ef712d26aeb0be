import type { PackedEmbeddings } from '../../../../../shared/contract';

/**
 * Test support: vectors packed the way the privileged side sends them over the bridge
 * (float32 bytes in base64, see `packedEmbeddingsSchema`), for bridge doubles.
 */
export function packVectors(vectors: number[][]): Pick<PackedEmbeddings, 'count' | 'dim' | 'vectors'> {
  const dim = vectors[0]?.length ?? 0;
  const floats = Float32Array.from(vectors.flat());
  const bytes = new Uint8Array(floats.buffer);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { count: vectors.length, dim, vectors: btoa(binary) };
}
