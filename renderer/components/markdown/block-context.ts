import { createContext, useContext } from 'react';

/** What a markdown element needs to know about the top-level block it is part of. */
export interface BlockInfo {
  /** The block's markdown as parsed (after the math-delimiter pre-pass). */
  source: string;
  /** True once the block can no longer change: it is not the tail of a streaming answer. */
  settled: boolean;
}

/** Provided by each rendered block; the default (no provider) is a settled, empty block. */
export const BlockContext = createContext<BlockInfo>({ source: '', settled: true });

/** The enclosing block's source and whether it has settled. */
export function useBlockInfo(): BlockInfo {
  return useContext(BlockContext);
}

/** The unist position the markdown components receive on `node`. */
export interface NodeWithPosition {
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/** The slice of the block source an element came from, or null without positions. */
export function sourceOf(info: BlockInfo, node: NodeWithPosition | undefined): string | null {
  const start = node?.position?.start.offset;
  const end = node?.position?.end.offset;
  if (start === undefined || end === undefined) return null;
  return info.source.slice(start, end);
}
