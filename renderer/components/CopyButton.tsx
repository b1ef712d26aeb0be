import { useEffect, useState } from 'react';

/** A Copy button that says "Copied" for a moment (or why it could not copy). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // Clipboard access can be denied (permissions, an unfocused window): say so.
      setState('failed');
    }
  };

  return (
    <button type="button" className="button button--small" onClick={() => void copy()}>
      {label}
      <span aria-live="polite" className="copy__status">
        {state === 'copied' ? ' ✓ Copied' : state === 'failed' ? ' (copy failed)' : ''}
      </span>
    </button>
  );
}
