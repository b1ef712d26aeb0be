import { type ComponentPropsWithoutRef, memo, useMemo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { BlockContext, type BlockInfo } from './block-context';
import { CodeBlock } from './CodeBlock';
import { MathView } from './MathView';
import { convertMathDelimiters } from './math-delimiters';
import { splitBlocks } from './split-blocks';
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
// Math only with explicit delimiters: a single `$` is never math, so prices stay text.
const REMARK_PLUGINS = [remarkGfm, [remarkMath, { singleDollarTextMath: false }] as const] as NonNullable<
  ComponentPropsWithoutRef<typeof ReactMarkdown>['remarkPlugins']
>;

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
  return (
    <BlockContext.Provider value={info}>
      <ReactMarkdown remarkPlugins={REMARK_PLUGINS} components={COMPONENTS}>
        {info.source}
      </ReactMarkdown>
    </BlockContext.Provider>
  );
});

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

/** Renders markdown per top-level block so only the growing tail re-renders while streaming. */
export function Markdown({ text, streaming = false }: MarkdownProps) {
  const blocks = useMemo(() => splitBlocks(text), [text]);
  return (
    <div className="markdown">
      {blocks.map((block, index) => (
        // Position is the identity: blocks only ever grow at the end while streaming.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <MarkdownBlock key={index} source={block} settled={!streaming || index < blocks.length - 1} />
      ))}
    </div>
  );
}
