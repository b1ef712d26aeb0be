import { create } from 'zustand';
import type { ConversationsRepo, RemovedConversation, SearchHit } from '../../../core/db/conversations-repo';
import type { ConversationRecord } from '../../../core/db/records';

/*
 * The sidebar's store, built by a factory so unit tests give it a repository on
 * fake-indexeddb, a fake chat and manual timers. `conversations-store.ts` creates the app's
 * instance on the real database and chat store.
 */

/** What the sidebar needs from the chat (the chat store owns the open conversation). */
export interface ChatLink {
  openId(): string | null;
  open(id: string, focusMessageId?: string): Promise<void> | void;
  newConversation(): void;
  /** Tells the chat the open conversation was renamed (it shows the title). */
  renamed(id: string, title: string): void;
}

/** Timers, injectable so tests control the undo and search delays. */
export interface StoreTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ConversationsStoreDeps {
  repo: () => ConversationsRepo;
  chat: () => ChatLink;
  timers?: StoreTimers;
  /** How long Undo is offered after a delete. */
  undoMs?: number;
  /** How long typing must pause before a search runs. */
  searchDelayMs?: number;
  /** Called when the search box should take the focus (e.g. switch to the chat pane). */
  onFocusSearch?: () => void;
}

/** A deleted conversation Undo can bring back. */
export interface PendingUndo {
  removed: RemovedConversation;
  /** Whether it was open in the chat when deleted (Undo reopens it). */
  wasOpen: boolean;
}

export interface ConversationsState {
  conversations: ConversationRecord[];
  loaded: boolean;
  /** A load or write failure, in words. */
  error: string | null;
  query: string;
  hits: SearchHit[];
  searching: boolean;
  undo: PendingUndo | null;
  /** Bumped to ask the search box to take the focus. */
  searchFocus: number;
  /** Reloads the list (the chat calls this after it saved). */
  refresh(): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  /** Deletes a conversation and offers Undo for a few seconds. */
  remove(id: string): Promise<void>;
  undoRemove(): Promise<void>;
  dismissUndo(): void;
  /** Sets the search text; the search runs once typing pauses. */
  setQuery(query: string): void;
  focusSearch(): void;
}

const realTimers: StoreTimers = {
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

const reason = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

/** Creates a conversations store bound to `deps`. */
export function createConversationsStore(deps: ConversationsStoreDeps) {
  const timers = deps.timers ?? realTimers;
  const undoMs = deps.undoMs ?? 8_000;
  const searchDelayMs = deps.searchDelayMs ?? 150;
  let undoTimer: unknown = null;
  let searchTimer: unknown = null;
  // A search overtaken by newer typing is aborted and its results dropped.
  let searchSeq = 0;
  let searchAbort: AbortController | null = null;
  // Saves come in bursts (a send touches the conversation several times): one reload at a time,
  // plus at most one queued behind it.
  let loading: Promise<void> | null = null;
  let again = false;

  return create<ConversationsState>()((set, get) => {
    const load = async () => {
      try {
        set({ conversations: await deps.repo().list(), loaded: true, error: null });
      } catch (cause) {
        set({ loaded: true, error: `Could not read the conversations: ${reason(cause)}` });
      }
    };

    const runSearch = async (query: string) => {
      const seq = ++searchSeq;
      searchAbort?.abort();
      searchAbort = null;
      if (query.trim() === '') return set({ hits: [], searching: false });
      const abort = new AbortController();
      searchAbort = abort;
      set({ searching: true });
      try {
        const hits = await deps.repo().search(query, undefined, abort.signal);
        if (seq === searchSeq) set({ hits, searching: false });
      } catch (cause) {
        if (seq === searchSeq) set({ hits: [], searching: false, error: `Search failed: ${reason(cause)}` });
      }
    };

    const clearUndoTimer = () => {
      if (undoTimer !== null) timers.clearTimeout(undoTimer);
      undoTimer = null;
    };

    return {
      conversations: [],
      loaded: false,
      error: null,
      query: '',
      hits: [],
      searching: false,
      undo: null,
      searchFocus: 0,

      refresh() {
        if (loading) {
          again = true;
          return loading;
        }
        loading = (async () => {
          do {
            again = false;
            await load();
          } while (again);
          loading = null;
        })();
        const { query } = get();
        if (query.trim() !== '') void runSearch(query);
        return loading;
      },

      async rename(id, title) {
        const trimmed = title.trim();
        if (trimmed === '') return;
        await deps.repo().update(id, { title: trimmed });
        if (deps.chat().openId() === id) deps.chat().renamed(id, trimmed);
        await get().refresh();
      },

      async remove(id) {
        const wasOpen = deps.chat().openId() === id;
        const removed = await deps.repo().remove(id);
        if (!removed) return;
        if (wasOpen) deps.chat().newConversation();
        clearUndoTimer();
        set({ undo: { removed, wasOpen } });
        undoTimer = timers.setTimeout(() => get().dismissUndo(), undoMs);
        await get().refresh();
      },

      async undoRemove() {
        const pending = get().undo;
        if (!pending) return;
        clearUndoTimer();
        set({ undo: null });
        await deps.repo().restore(pending.removed);
        await get().refresh();
        if (pending.wasOpen) await deps.chat().open(pending.removed.conversation.id);
      },

      dismissUndo() {
        clearUndoTimer();
        set({ undo: null });
      },

      setQuery(query) {
        set({ query });
        if (searchTimer !== null) timers.clearTimeout(searchTimer);
        searchTimer = timers.setTimeout(() => {
          searchTimer = null;
          void runSearch(query);
        }, searchDelayMs);
      },

      focusSearch() {
        deps.onFocusSearch?.();
        set((s) => ({ searchFocus: s.searchFocus + 1 }));
      },
    };
  });
}
