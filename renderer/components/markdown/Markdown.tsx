import { type ComponentPropsWithoutRef, memo, useMemo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './CodeBlock';
import { splitBlocks } from './split-blocks';

type AnchorProps = ComponentPropsWithoutRef<'a'> & { node?: unknown };

/**
 * Links open outside the app: in Electron the main process hands http(s) links to the OS
 * (and blocks in-app navigation); in the page, a new tab without a referrer.
 */
function ExternalLink({ node: _node, ...props }: AnchorProps) {
  return <a {...props} target="_blank" rel="noreferrer noopener" />;
}

const COMPONENTS: Components = { pre: CodeBlock, a: ExternalLink };
const REMARK_PLUGINS = [remarkGfm];

/**
 * One top-level block. Memoized on its source: a settled block is never re-parsed while the
 * answer keeps streaming. Raw HTML is not rendered (react-markdown shows it as text) and no
 * math plugin runs, so "$5 and $10" stays text.
 */
const MarkdownBlock = memo(function MarkdownBlock({ source }: { source: string }) {
  return (
    <ReactMarkdown remarkPlugins={REMARK_PLUGINS} components={COMPONENTS}>
      {source}
    </ReactMarkdown>
  );
});

/** Renders markdown per top-level block so only the growing tail re-renders while streaming. */
export function Markdown({ text }: { text: string }) {
  const blocks = useMemo(() => splitBlocks(text), [text]);
  return (
    <div className="markdown">
      {blocks.map((block, index) => (
        // Position is the identity: blocks only ever grow at the end while streaming.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <MarkdownBlock key={index} source={block} />
      ))}
    </div>
  );
}
