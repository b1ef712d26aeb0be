import { type ComponentPropsWithoutRef, type ReactElement, type ReactNode, useRef, useState } from 'react';
import { type NodeWithPosition, sourceOf, useBlockInfo } from './block-context';
import { isFenceClosed } from './fences';
import { highlightCached, highlighter } from './highlighter';
import { useLazyModule } from './lazy-module';
import { MathView } from './MathView';

/** How long "Copied" stays on the button. */
const COPIED_MS = 1_500;

type PreProps = ComponentPropsWithoutRef<'pre'> & { node?: NodeWithPosition };
type CodeChild = ReactElement<{ className?: string; children?: ReactNode }>;

/** The `code` element inside a `pre`, if that is what it holds. */
function codeChild(children: PreProps['children']): CodeChild | null {
  const child = Array.isArray(children) ? children[0] : children;
  return child && typeof child === 'object' && 'props' in child ? (child as CodeChild) : null;
}

/** The fenced block's language from its `code` child's `language-x` class, if any. */
function languageOf(className: string): string | null {
  const match = /language-([\w+#.-]+)/.exec(className);
  return match?.[1] ?? null;
}

/** The code text: remark gives it as one string child, ending with a newline. */
function codeText(code: CodeChild | null): string {
  const content = code?.props.children;
  const text = typeof content === 'string' ? content : Array.isArray(content) ? content.join('') : '';
  return text.replace(/\n$/, '');
}

/**
 * Whether the element's block can no longer change. In a settled block, always; in the
 * streaming tail, once its closing fence has arrived (a code block still growing renders
 * plain, then highlights the moment its fence closes).
 */
function useClosed(node: NodeWithPosition | undefined): boolean {
  const info = useBlockInfo();
  if (info.settled) return true;
  const source = sourceOf(info, node);
  return source !== null && isFenceClosed(source);
}

function CopyButton({ target }: { target: React.RefObject<HTMLElement | null> }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(target.current?.textContent ?? '');
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied('idle'), COPIED_MS);
  };
  return (
    <button type="button" className="button button--small button--ghost" onClick={copy}>
      {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}

/**
 * A fenced code block with its language, a Copy button and, once closed, syntax
 * highlighting (highlight.js, loaded on first use). The text copied is what is shown (read
 * from the DOM), so it is exactly the code, without markdown fences. A `$$` math block
 * (remark-math renders it as `pre > code.math-display`) is typeset instead.
 */
export function CodeBlock({ children, node, ...rest }: PreProps) {
  const codeRef = useRef<HTMLElement>(null);
  const closed = useClosed(node);
  const code = codeChild(children);
  const className = code?.props.className ?? '';
  const language = languageOf(className);
  const highlightable = closed && language !== null && !className.includes('math-display');
  const loaded = useLazyModule(highlighter, highlightable);
  if (className.includes('math-display')) {
    return <MathView tex={codeText(code)} display ready={closed} />;
  }
  const text = codeText(code);
  const html = loaded && language ? highlightCached(text, language) : null;

  return (
    <div className="code-block" data-testid="code-block" data-highlighted={html !== null}>
      <div className="code-block__bar">
        <span className="code-block__lang">{language ?? 'code'}</span>
        <CopyButton target={codeRef} />
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls on its own, and a keyboard must be able to scroll it (WCAG 2.1.1, axe scrollable-region-focusable) */}
      <pre {...rest} tabIndex={0}>
        {html !== null ? (
          // highlight.js output only: it escapes the code and adds nothing but
          // `<span class="hljs-…">` (see highlight-languages.ts), so no answer HTML gets in.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted highlighter output, see above
          <code ref={codeRef} className={`${className} hljs`} dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <code ref={codeRef} className={className}>
            {text}
          </code>
        )}
      </pre>
    </div>
  );
}
