import { useCallback, useEffect, useRef } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { AssistantMessage } from './AssistantMessage';
import { useChatStore } from './chat-store';
import { UserMessage } from './UserMessage';

/** Within this many pixels of the bottom counts as "at the bottom" (keep following). */
const STICK_PX = 48;
/** A message's height before it is measured, in pixels: between a question's and an answer's. */
const ESTIMATED_HEIGHT = 320;
/** From this many messages on, a conversation opens with ESTIMATED_HEIGHT (see useEstimate). */
const LONG_THREAD = 30;

function MessageItem({ id }: { id: string }) {
  const role = useChatStore((s) => s.messages[id]?.role);
  return (
    <div className="messages__item">
      {role === 'user' ? <UserMessage id={id} /> : role === 'assistant' ? <AssistantMessage id={id} /> : null}
    </div>
  );
}

const itemContent = (_index: number, id: string) => <MessageItem id={id} />;
const itemKey = (_index: number, id: string) => id;

/**
 * Keeps the list at the bottom while an answer grows, unless the user scrolled up to read:
 * scrolling up stops following, coming back to the bottom resumes it.
 */
function useFollowBottom() {
  const scroller = useRef<HTMLElement | null>(null);
  const following = useRef(true);
  const lastTop = useRef(0);
  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    if (fromBottom < STICK_PX) following.current = true;
    else if (el.scrollTop < lastTop.current) following.current = false;
    lastTop.current = el.scrollTop;
  }, []);
  const scrollerRef = useCallback(
    (el: HTMLElement | Window | null) => {
      scroller.current?.removeEventListener('scroll', onScroll);
      scroller.current = el instanceof HTMLElement ? el : null;
      scroller.current?.addEventListener('scroll', onScroll, { passive: true });
    },
    [onScroll],
  );
  const onHeightChange = useCallback(() => {
    const el = scroller.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, []);
  return { scrollerRef, onHeightChange, following };
}

/**
 * The height react-virtuoso assumes for a message not measured yet, decided when a
 * conversation is opened. Without one it renders a "probe" item and takes its height for
 * all: a short question taken for the norm made the first pass of a long conversation render
 * twice as many messages (and parse their markdown) as end up on screen. A short one keeps
 * the probe, as it always had: that pass is cheap there, and which of its messages stay
 * mounted (find-in-page, tests) is unchanged.
 */
function useEstimate(conversationId: string | null, length: number): number | undefined {
  const decided = useRef<{ id: string | null; estimate: number | undefined } | null>(null);
  if (decided.current?.id !== conversationId) {
    decided.current = { id: conversationId, estimate: length >= LONG_THREAD ? ESTIMATED_HEIGHT : undefined };
  }
  return decided.current.estimate;
}

/**
 * The visible thread, virtualized (react-virtuoso): only the messages on screen are in the
 * DOM, so a 2,000-message conversation opens fast. A search hit is scrolled to and
 * highlighted. Shown by MessageList once the thread has a message (this module, the messages'
 * components and react-virtuoso are not start-up code).
 */
export function MessageThread() {
  const thread = useChatStore((s) => s.thread);
  const highlightId = useChatStore((s) => s.highlightId);
  const conversationId = useChatStore((s) => s.conversationId);
  // True when the newest message is an answer still streaming (e.g. the first answer of a new
  // conversation, which mounts the list while it grows).
  const lastStreaming = useChatStore((s) => s.messages[s.thread.at(-1) ?? '']?.status === 'streaming');
  const list = useRef<VirtuosoHandle>(null);
  const { scrollerRef, onHeightChange, following } = useFollowBottom();
  const estimate = useEstimate(conversationId, thread.length);

  useEffect(() => {
    if (!highlightId) return;
    const index = thread.indexOf(highlightId);
    if (index < 0) return;
    following.current = false;
    // After the list has laid out the newly opened conversation.
    const timer = setTimeout(() => list.current?.scrollToIndex({ index, align: 'center' }), 50);
    return () => clearTimeout(timer);
  }, [highlightId, thread, following]);

  return (
    <Virtuoso
      // A new conversation is a new list: start at its bottom (or at the search hit).
      key={conversationId ?? 'new'}
      ref={list}
      className="messages"
      role="log"
      aria-label="Conversation"
      data={thread}
      computeItemKey={itemKey}
      itemContent={itemContent}
      // react-virtuoso keeps the list hidden until it has reached its initial item: an answer
      // that keeps growing never lets it settle, so the whole conversation stayed invisible
      // while the first answer streamed. Mounted mid-stream, the list starts at the top and
      // follows the bottom as the answer grows (onHeightChange) instead.
      initialTopMostItemIndex={
        highlightId ? Math.max(0, thread.indexOf(highlightId)) : lastStreaming ? 0 : thread.length - 1
      }
      followOutput={() => (following.current ? 'auto' : false)}
      totalListHeightChanged={onHeightChange}
      scrollerRef={scrollerRef}
      defaultItemHeight={estimate}
      increaseViewportBy={{ top: 400, bottom: 400 }}
      // The question above a long answer stays mounted (find-in-page, tests, quick scroll up).
      minOverscanItemCount={{ top: 3, bottom: 1 }}
    />
  );
}
