import { type KeyboardEvent, useId } from 'react';
import { useChatStore } from './chat-store';

/** The message box: Enter sends, Shift+Enter is a newline; Send becomes Stop while streaming. */
export function Composer() {
  const id = useId();
  const draft = useChatStore((s) => s.draft);
  const setDraft = useChatStore((s) => s.setDraft);
  const send = useChatStore((s) => s.send);
  const stop = useChatStore((s) => s.stop);
  const streaming = useChatStore((s) => s.activeId !== null);
  const hasEndpoint = useChatStore((s) => s.endpoint !== null);
  const canSend = !streaming && hasEndpoint && draft.trim() !== '';

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter that confirms an IME composition is not a send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (canSend) void send();
  };

  return (
    <div className="composer">
      <label htmlFor={id} className="visually-hidden">
        Message
      </label>
      <textarea
        id={id}
        className="composer__input"
        rows={3}
        value={draft}
        placeholder={
          hasEndpoint
            ? 'Message the model (Enter to send, Shift+Enter for a new line)'
            : 'Pick an endpoint first'
        }
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {streaming ? (
        <button
          type="button"
          className="button button--danger"
          onClick={() => void stop()}
          title="Stop (Esc)"
        >
          Stop
        </button>
      ) : (
        <button
          type="button"
          className="button button--primary"
          disabled={!canSend}
          onClick={() => void send()}
        >
          Send
        </button>
      )}
    </div>
  );
}
