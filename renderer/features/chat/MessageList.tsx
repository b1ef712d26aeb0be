import { lazy, Suspense } from 'react';
import { EndpointsEmptyHint } from '../../components/WorkspaceProblem';
import { useChatStore } from './chat-store';

/*
 * The thread's code (react-virtuoso, the messages' components) is a chunk of its own: an empty
 * conversation, what the app opens on, does not need it, and the page is ready for a message
 * sooner without it. It is fetched after the first paint (ChatPane's warm-up) or when the
 * thread first has a message, whichever comes first.
 */

const loadThread = () => import('./MessageThread');
const MessageThread = lazy(() => loadThread().then((m) => ({ default: m.MessageThread })));

/** Starts fetching the thread's code (once; later calls reuse the same import). */
export const preloadMessageThread = (): void => {
  void loadThread().catch(() => undefined);
};

/** Where the thread goes while its code is still loading: the same empty log, nothing in it. */
const PENDING = <div className="messages" role="log" aria-label="Conversation" />;

/** The conversation: a hint while it is empty, else the virtualized thread (MessageThread.tsx). */
export function MessageList() {
  const empty = useChatStore((s) => s.thread.length === 0);
  const loading = useChatStore((s) => s.loading);
  if (empty) {
    return (
      <div className="messages messages--empty" role="log" aria-label="Conversation">
        <p className="messages__empty muted">
          {loading ? (
            'Loading…'
          ) : (
            <EndpointsEmptyHint fallback="Pick an endpoint and send a message to start." />
          )}
        </p>
      </div>
    );
  }
  return (
    <Suspense fallback={PENDING}>
      <MessageThread />
    </Suspense>
  );
}
