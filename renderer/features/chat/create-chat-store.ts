import { create } from 'zustand';
import type { StudioApi } from '../../../shared/contract';
import type { StreamEvent } from '../../../shared/stream-events';
import { createFrameBatcher, type FrameClock } from '../../app/frame-batcher';
import { readPreference, writePreference } from '../../app/preferences';
import type { ChatEntry, UserEntry } from './chat-events';
import { applyBatch, newId, newSession, runTurn, stopActive, type TurnContext } from './chat-turns';

/*
 * The chat store, built by a factory so that unit tests can give it a StudioApi test double
 * and a manual frame clock. `chat-store.ts` creates the app's instance on the real bridge.
 */

/** What the store needs from the outside world. */
export interface ChatStoreDeps {
  getApi: () => StudioApi;
  /** Whether the current workspace is the demo one (its answers are labelled synthetic). */
  isDemoWorkspace: () => boolean;
  clock?: FrameClock;
}

/** The chat's state and actions. Only these actions call the bridge. */
export interface ChatState {
  endpoint: string | null;
  systemPrompt: string;
  /** The composer's text. */
  draft: string;
  messages: ChatEntry[];
  /** The assistant entry being streamed; null when idle. */
  activeId: string | null;
  setEndpoint(name: string | null): void;
  setSystemPrompt(text: string): void;
  setDraft(text: string): void;
  /** Sends the draft with the history; no-op while streaming or without endpoint/text. */
  send(): Promise<void>;
  /** Stops the active stream; the text so far stays. */
  stop(): Promise<void>;
  /** Asks again for an interrupted or failed answer (replacing it). */
  retry(assistantId: string): Promise<void>;
  /** Starts a new conversation (not while streaming). */
  clear(): void;
  /** Applies a batch of stream events (called once per animation frame). */
  applyEvents(events: StreamEvent[]): void;
}

/** The localStorage key of the last chosen endpoint (a preference, never a secret). */
export const ENDPOINT_PREFERENCE = 'chat.endpoint';
/** Creates a chat store bound to `deps`. */
export function createChatStore(deps: ChatStoreDeps) {
  return create<ChatState>()((set, get) => {
    const batcher = createFrameBatcher<StreamEvent>((events) => get().applyEvents(events), deps.clock);
    const ctx: TurnContext = { set, get, deps, batcher, session: newSession() };

    return {
      endpoint: readPreference(ENDPOINT_PREFERENCE),
      systemPrompt: '',
      draft: '',
      messages: [],
      activeId: null,

      setEndpoint(name) {
        writePreference(ENDPOINT_PREFERENCE, name);
        set({ endpoint: name });
      },
      setSystemPrompt: (systemPrompt) => set({ systemPrompt }),
      setDraft: (draft) => set({ draft }),

      async send() {
        const { draft, endpoint, activeId, messages } = get();
        if (activeId !== null || endpoint === null || draft.trim() === '') return;
        const user: UserEntry = { id: newId(ctx, 'user'), role: 'user', content: draft, failed: false };
        set({ draft: '' });
        // Failed turns were never answered and their text went back to the composer.
        await runTurn(ctx, [...messages.filter((m) => !m.failed), user], endpoint);
      },

      stop: () => stopActive(ctx),

      async retry(assistantId) {
        const { messages, activeId } = get();
        const index = messages.findIndex((m) => m.id === assistantId);
        const user = messages[index - 1];
        const entry = messages[index];
        if (activeId !== null || user?.role !== 'user' || entry?.role !== 'assistant') return;
        if (entry.failed) set({ draft: '' });
        await runTurn(ctx, [...messages.slice(0, index - 1), { ...user, failed: false }], entry.endpoint);
      },

      clear() {
        if (get().activeId === null) set({ messages: [] });
      },

      applyEvents: (events) => applyBatch(ctx, events),
    };
  });
}
