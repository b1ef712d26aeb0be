import { useChatStore } from './chat-store';

/** Says when older turns are left out of requests (trimming), with a way back. */
export function TrimNotice() {
  const on = useChatStore((s) => s.trimToFit);
  const dropped = useChatStore((s) => s.lastDropped);
  const setTrim = useChatStore((s) => s.setTrimToFit);
  if (!on) return null;
  return (
    <p className="notice chat-notice" role="status" data-testid="trim-notice">
      Older turns are left out of what is sent so the request fits the context window
      {dropped > 0 ? ` (${dropped} ${dropped === 1 ? 'message' : 'messages'} left out last time)` : ''}. They
      stay in the conversation.{' '}
      <button type="button" className="button button--small button--ghost" onClick={() => setTrim(false)}>
        Send everything again
      </button>
    </p>
  );
}

/** "Deleted" with Undo, after a message (and its subtree) was deleted. */
export function UndoDelete() {
  const deleted = useChatStore((s) => s.deleted);
  const undo = useChatStore((s) => s.undoDelete);
  if (!deleted) return null;
  const n = deleted.messages.length;
  return (
    <p className="notice chat-notice" role="status">
      Deleted {n} {n === 1 ? 'message' : 'messages'}.{' '}
      <button type="button" className="button button--small" onClick={() => void undo()}>
        Undo
      </button>
      <button
        type="button"
        className="button button--small button--ghost"
        onClick={() => useChatStore.setState({ deleted: null })}
      >
        Dismiss
      </button>
    </p>
  );
}
