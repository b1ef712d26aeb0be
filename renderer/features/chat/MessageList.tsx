import { memo, useLayoutEffect, useRef } from 'react';
import { AssistantMessage } from './AssistantMessage';
import type { UserEntry } from './chat-events';
import { useChatStore } from './chat-store';

/** Within this many pixels of the bottom counts as "at the bottom" (keep following). */
const STICK_PX = 48;

const UserMessage = memo(function UserMessage({ entry }: { entry: UserEntry }) {
  return (
    <article
      className={`message message--user${entry.failed ? ' message--failed' : ''}`}
      data-testid="user-message"
    >
      <p className="message__text">{entry.content}</p>
      {entry.failed && <span className="muted message__note">Not sent</span>}
    </article>
  );
});

/** The conversation. Follows the stream to the bottom unless the user scrolled up to read. */
export function MessageList() {
  const messages = useChatStore((s) => s.messages);
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following.current && messages.length > 0) el.scrollTop = el.scrollHeight;
  }, [messages]);

  const onScroll = () => {
    const el = scroller.current;
    if (el) following.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
  };

  return (
    <div className="messages" ref={scroller} onScroll={onScroll} role="log" aria-label="Conversation">
      {messages.length === 0 && (
        <p className="messages__empty muted">Pick an endpoint and send a message to start.</p>
      )}
      {messages.map((m) =>
        m.role === 'user' ? <UserMessage key={m.id} entry={m} /> : <AssistantMessage key={m.id} entry={m} />,
      )}
    </div>
  );
}
