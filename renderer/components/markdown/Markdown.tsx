import { type ComponentPropsWithoutRef, memo, useMemo, useRef } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { BlockContext, type BlockInfo } from './block-context';
import { type BlockGroups, chunk, groupBlocks } from './block-groups';
import { CodeBlock } from './CodeBlock';
import { cachedSyntax, type SyntaxPlugin } from './cached-syntax';
import { openCode } from './fences';
import { MathView } from './MathView';
import { convertMathDelimiters } from './math-delimiters';
import '../../styles/markdown.css';

type AnchorProps = ComponentPropsWithoutRef<'a'> & { node?: unknown };
type CodeProps = ComponentPropsWithoutRef<'code'> & { node?: unknown };

/**
 * Links open outside the app: in Electron the main process hands http(s) links to the OS
 * (and blocks in-app navigation); in the page, a new tab without a referrer.
 */
function ExternalLink({ node: _node, ...props }: AnchorProps) {
  return <a {...props} target="_blank" rel="noreferrer noopener" />;
}

/**
 * Inline code, or inline math (remark-math gives `$$…$$` in text as `code.math-inline`).
 * Inline math exists only once its closing delimiter has arrived, so it is always complete.
 */
function InlineCode({ node: _node, className, children, ...rest }: CodeProps) {
  if (className?.includes('math-inline')) {
    return <MathView tex={String(children ?? '')} display={false} ready />;
  }
  return (
    <code className={className} {...rest}>
      {children}
    </code>
  );
}

const COMPONENTS: Components = { pre: CodeBlock, code: InlineCode, a: ExternalLink };
// Math only with explicit delimiters: a single `$` is never math, so prices stay text. Both
// plugins run once (cached-syntax.ts), not on every render of the streaming tail.
const REMARK_PLUGINS = [
  cachedSyntax(remarkGfm as SyntaxPlugin<undefined>),
  cachedSyntax(remarkMath as SyntaxPlugin<{ singleDollarTextMath: boolean }>, {
    singleDollarTextMath: false,
  }),
] as NonNullable<ComponentPropsWithoutRef<typeof ReactMarkdown>['remarkPlugins']>;

/**
 * One top-level block. Memoized on its source and whether it has settled: a settled block is
 * never re-parsed while the answer keeps streaming. Raw HTML is not rendered (react-markdown
 * shows it as text). Highlighting and math (both lazy) apply once the block is closed.
 */
const MarkdownBlock = memo(function MarkdownBlock({ source, settled }: { source: string; settled: boolean }) {
  const info = useMemo<BlockInfo>(
    () => ({ source: convertMathDelimiters(source), settled }),
    [source, settled],
  );
  // A code block still streaming is shown plain: build it directly rather than re-parse the
  // whole block as markdown on every update (the largest tails are code). Same elements as
  // remark gives (`pre > code.language-x`, text ending with a newline).
  const open = settled ? null : openCode(info.source);
  return (
    <BlockContext.Provider value={info}>
      {open ? (
        <CodeBlock>
          <code className={open.language ? `language-${open.language}` : undefined}>
            {open.code ? `${open.code}\n` : ''}
          </code>
        </CodeBlock>
      ) : (
        <ReactMarkdown remarkPlugins={REMARK_PLUGINS} components={COMPONENTS}>
          {info.source}
        </ReactMarkdown>
      )}
    </BlockContext.Provider>
  );
});

/** Props of {@link BlockGroup}. */
interface BlockGroupProps {
  blocks: readonly string[];
  /** Holds the streaming tail: its last block is not settled. */
  open: boolean;
  /** May be skipped by layout and paint while off screen (see markdown.css). */
  skippable: boolean;
}

/**
 * A rough height for a group never rendered yet (an answer opened from history, scrolled to
 * its end): the placeholder `content-visibility` uses until the group is first on screen.
 * Once rendered, the browser remembers the real size (`contain-intrinsic-size: auto`). About
 * 20 px per line of about 110 characters (the column's width), plus the gap between blocks.
 */
function estimatedHeight(blocks: readonly string[]): number {
  let lines = 0;
  for (const block of blocks) {
    for (const line of block.split('\n')) lines += Math.max(1, Math.ceil(line.length / 110));
  }
  return lines * 20 + blocks.length * 8;
}

/**
 * A group of consecutive blocks in one wrapper `div`. Memoized: a full group of settled
 * blocks is the same array on every update, so React skips it whole.
 */
const BlockGroup = memo(function BlockGroup({ blocks, open, skippable }: BlockGroupProps) {
  // Only for settled groups: a growing group's estimate would change on every update.
  const style = useMemo(
    () => (skippable && !open ? { containIntrinsicSize: `auto ${estimatedHeight(blocks)}px` } : undefined),
    [blocks, skippable, open],
  );
  return (
    <div
      className={skippable ? 'markdown__group markdown__group--skippable' : 'markdown__group'}
      style={style}
    >
      {blocks.map((block, index) => (
        // Position is the identity: blocks only ever grow at the end while streaming.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <MarkdownBlock key={index} source={block} settled={!open || index < blocks.length - 1} />
      ))}
    </div>
  );
});

/**
 * The grouped blocks of `text`, split incrementally from those of the previous render's text.
 * The ref is a cache written during render: the result depends only on `text`, so a repeated
 * render (StrictMode) computes the same groups.
 */
function useBlockGroups(text: string): BlockGroups {
  const cache = useRef<BlockGroups | null>(null);
  const groups = groupBlocks(cache.current, text);
  cache.current = groups;
  return groups;
}

/** Props of {@link Markdown}. */
export interface MarkdownProps {
  /** The markdown source (a whole answer, or the part streamed so far). */
  text: string;
  /**
   * True while `text` is still growing: its last block is then treated as open (code in it
   * stays unhighlighted until its fence closes). Leave unset or false for finished text.
   */
  streaming?: boolean;
}

/**
 * Renders markdown per top-level block so only the growing tail re-renders while streaming.
 * Blocks are grouped (see block-groups.ts) so an update costs the same however long the text.
 */
export function Markdown({ text, streaming = false }: MarkdownProps) {
  const { full, rest } = useBlockGroups(text);
  // The same elements while no group fills up: React bails out of them without a props check.
  const settled = useMemo(
    () =>
      full.map((blocks, index) => (
        // The first group is never skipped: it holds the answer's top margin (see markdown.css).
        // biome-ignore lint/suspicious/noArrayIndexKey: a group's position is its identity
        <BlockGroup key={index} blocks={blocks} open={false} skippable={index > 0} />
      )),
    [full],
  );
  const live = chunk(rest).map((blocks, index, all) => (
    <BlockGroup
      // Keys continue the full groups' positions: a filling group keeps its key once full.
      // biome-ignore lint/suspicious/noArrayIndexKey: a group's position is its identity
      key={full.length + index}
      blocks={blocks}
      open={streaming && index === all.length - 1}
      // While streaming nothing follows the answer, so the last group's bottom margin has
      // nothing to collapse with: containing it changes nothing (see markdown.css).
      skippable={streaming && full.length + index > 0}
    />
  ));
  // One list, so a group that fills up keeps its element (in two lists it would remount).
  return (
    <div className="markdown" data-testid="markdown">
      {settled.concat(live)}
    </div>
  );
}
