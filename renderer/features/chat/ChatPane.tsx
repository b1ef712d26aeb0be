import { useEffect } from 'react';
import { Composer } from './Composer';
import { useChatStore } from './chat-store';
import { EndpointPicker } from './EndpointPicker';
import { MessageList } from './MessageList';
import { SystemPrompt } from './SystemPrompt';

/** Esc stops the running stream, wherever the focus is. */
function useEscapeStops() {
  const streaming = useChatStore((s) => s.activeId !== null);
  const stop = useChatStore((s) => s.stop);
  useEffect(() => {
    if (!streaming) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') void stop();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [streaming, stop]);
}

/** The chat: endpoint, system prompt, the conversation and the composer. */
export function ChatPane() {
  const clear = useChatStore((s) => s.clear);
  const canClear = useChatStore((s) => s.activeId === null && s.messages.length > 0);
  useEscapeStops();

  return (
    <section className="pane pane--chat" aria-label="Chat">
      <div className="chat__toolbar">
        <EndpointPicker />
        <button type="button" className="button button--ghost" onClick={clear} disabled={!canClear}>
          New conversation
        </button>
      </div>
      <SystemPrompt />
      <MessageList />
      <Composer />
    </section>
  );
}
