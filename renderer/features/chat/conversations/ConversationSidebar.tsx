import { useEffect, useMemo, useRef, useState } from 'react';
import type { SearchHit } from '../../../core/db/conversations-repo';
import { useChatStore } from '../chat-store';
import { ConversationItem } from './ConversationItem';
import { useConversationsStore } from './conversations-store';
import { relativeTime } from './relative-time';
import '../../../styles/conversations.css';

/** A search hit's snippet with the match marked. */
function Snippet({ hit }: { hit: SearchHit }) {
  const { snippet, matchStart, matchLength } = hit;
  return (
    <span className="search-hit__snippet">
      {snippet.slice(0, matchStart)}
      <mark>{snippet.slice(matchStart, matchStart + matchLength)}</mark>
      {snippet.slice(matchStart + matchLength)}
    </span>
  );
}

function SearchResults({ now, onOpen }: { now: number; onOpen(hit: SearchHit): void }) {
  const hits = useConversationsStore((s) => s.hits);
  const searching = useConversationsStore((s) => s.searching);
  const query = useConversationsStore((s) => s.query);
  if (hits.length === 0) {
    return (
      <p className="conversations__empty" role="status">
        {searching ? 'Searching…' : `Nothing found for “${query.trim()}”.`}
      </p>
    );
  }
  return (
    <ul className="conversations__list" aria-label="Search results">
      {hits.map((hit) => (
        <li key={`${hit.conversationId}/${hit.messageId ?? 'title'}`}>
          <button type="button" className="search-hit" data-testid="search-hit" onClick={() => onOpen(hit)}>
            <span className="search-hit__title">{hit.title}</span>
            <Snippet hit={hit} />
            <span className="conversation__meta">
              {hit.inReasoning && 'in Thinking · '}
              {relativeTime(hit.createdAt, now)}
              {hit.endpoint && ` · ${hit.endpoint}`}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The titles more than one conversation has (their items then say exactly when). */
export function titlesUsedTwice(titles: string[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const t of titles) (seen.has(t) ? twice : seen).add(t);
  return twice;
}

/** "Conversation deleted. Undo" for a few seconds after a delete. */
function UndoToast() {
  const undo = useConversationsStore((s) => s.undo);
  const undoRemove = useConversationsStore((s) => s.undoRemove);
  const dismiss = useConversationsStore((s) => s.dismissUndo);
  // Always rendered so screen readers announce the message when it appears.
  return (
    <div className="undo-toast-region" role="status" aria-live="polite">
      {undo && (
        <div className="undo-toast" data-testid="undo-toast">
          <span>Deleted “{undo.removed.conversation.title}”.</span>
          <button type="button" className="button button--small" onClick={() => void undoRemove()}>
            Undo
          </button>
          <button
            type="button"
            className="button button--small button--ghost"
            aria-label="Dismiss"
            onClick={dismiss}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}

// The last focus request served, kept across mounts: Ctrl/Cmd+K from another pane mounts the
// sidebar and must focus it, but coming back to the chat later must not steal the focus again.
let servedFocusRequest = 0;

/** The search box; takes the focus when asked (Ctrl/Cmd+K). */
function SearchBox() {
  const query = useConversationsStore((s) => s.query);
  const setQuery = useConversationsStore((s) => s.setQuery);
  const focusRequest = useConversationsStore((s) => s.searchFocus);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusRequest > servedFocusRequest) {
      servedFocusRequest = focusRequest;
      input.current?.focus();
      input.current?.select();
    }
  }, [focusRequest]);
  return (
    <input
      ref={input}
      type="search"
      className="conversations__search"
      data-testid="conversation-search"
      aria-label="Search conversations"
      placeholder="Search conversations"
      value={query}
      onChange={(e) => setQuery(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && query !== '') {
          e.stopPropagation();
          setQuery('');
        }
      }}
    />
  );
}

/** Re-renders every minute so "5 min ago" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The conversation sidebar: new conversation, search across all conversations, the list
 * (newest first, the open one highlighted) with rename / export / delete, and Undo.
 */
export function ConversationSidebar() {
  const conversations = useConversationsStore((s) => s.conversations);
  const sharedTitles = useMemo(() => titlesUsedTwice(conversations.map((c) => c.title)), [conversations]);
  const loaded = useConversationsStore((s) => s.loaded);
  const error = useConversationsStore((s) => s.error);
  const searching = useConversationsStore((s) => s.query.trim() !== '');
  const refresh = useConversationsStore((s) => s.refresh);
  const openId = useChatStore((s) => s.conversationId);
  const now = useNow();

  // The chat also calls refresh() after each save (its onConversationChanged); following its
  // state here covers changes that reach the list without a save (open, new, a turn ending).
  useEffect(() => {
    void refresh();
    return useChatStore.subscribe((next, prev) => {
      if (
        next.conversationId !== prev.conversationId ||
        next.activeId !== prev.activeId ||
        next.thread.length !== prev.thread.length ||
        next.title !== prev.title
      ) {
        void refresh();
      }
    });
  }, [refresh]);

  const open = (id: string, messageId?: string) =>
    void useChatStore.getState().openConversation(id, messageId);

  return (
    <aside className="conversations" aria-label="Conversations">
      <div className="conversations__top">
        <button
          type="button"
          className="button button--primary conversations__new"
          onClick={() => useChatStore.getState().newConversation()}
        >
          New conversation
        </button>
        <SearchBox />
      </div>
      {error && (
        <p className="alert alert--inline" role="alert">
          {error}
        </p>
      )}
      {searching ? (
        <SearchResults now={now} onOpen={(hit) => open(hit.conversationId, hit.messageId ?? undefined)} />
      ) : loaded && conversations.length === 0 ? (
        <p className="conversations__empty">No conversations yet.</p>
      ) : (
        <ul className="conversations__list" aria-label="Conversation list">
          {conversations.map((c) => (
            <ConversationItem
              key={c.id}
              conversation={c}
              isOpen={c.id === openId}
              now={now}
              onOpen={open}
              sharedTitle={sharedTitles.has(c.title)}
            />
          ))}
        </ul>
      )}
      <UndoToast />
    </aside>
  );
}
