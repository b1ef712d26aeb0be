import { useState } from 'react';
import { useChatStore } from './chat-store';

/** Copy (with a brief "Copied" confirmation) and Delete, shared by user and assistant messages. */
export function CopyDelete({ id }: { id: string }) {
  const copy = useChatStore((s) => s.copyMessage);
  const remove = useChatStore((s) => s.deleteMessage);
  const busy = useChatStore((s) => s.activeId !== null);
  const [copied, setCopied] = useState(false);
  const onCopy = async () => {
    try {
      await copy(id);
      setCopied(true);
      setTimeout(() => setCopied(false), 1_500);
    } catch {
      // Clipboard refused (no focus or permission): nothing to undo, the button stays.
    }
  };
  return (
    <>
      <button type="button" className="button button--small button--ghost" onClick={() => void onCopy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
      <button
        type="button"
        className="button button--small button--ghost"
        disabled={busy}
        title="Delete this message and everything after it on this branch"
        onClick={() => void remove(id)}
      >
        Delete
      </button>
    </>
  );
}
