import { type ComponentPropsWithoutRef, type ReactElement, useRef, useState } from 'react';

/** How long "Copied" stays on the button. */
const COPIED_MS = 1_500;

type PreProps = ComponentPropsWithoutRef<'pre'> & { node?: unknown };

/** The fenced block's language from its `code` child's `language-x` class, if any. */
function languageOf(children: PreProps['children']): string | null {
  const child = children as ReactElement<{ className?: string }> | undefined;
  const className = child?.props?.className ?? '';
  const match = /language-([\w+#.-]+)/.exec(className);
  return match?.[1] ?? null;
}

/**
 * A fenced code block with its language and a Copy button. The text copied is what is shown
 * (read from the DOM), so it is exactly the code, without markdown fences.
 */
export function CodeBlock({ children, node: _node, ...rest }: PreProps) {
  const preRef = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const language = languageOf(children);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(preRef.current?.textContent ?? '');
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied('idle'), COPIED_MS);
  };

  return (
    <div className="code-block">
      <div className="code-block__bar">
        <span className="code-block__lang">{language ?? 'code'}</span>
        <button type="button" className="button button--small button--ghost" onClick={copy}>
          {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
        </button>
      </div>
      <pre ref={preRef} {...rest}>
        {children}
      </pre>
    </div>
  );
}
