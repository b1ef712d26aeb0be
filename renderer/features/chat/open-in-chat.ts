import { useNavStore } from '../../core/nav-store';
import type { EndpointSeed } from '../../core/open-endpoint';
import type { ChatState } from './chat-types';

/** The part of the chat store this needs. */
type ChatStore = { getState(): ChatState };

/*
 * "Use it": one click from a ready endpoint to a conversation with it. Only existing store
 * actions are called, so the chat behaves exactly as if the user had picked the endpoint.
 */

/**
 * Starts a new chat with `endpoint` and shows the Chat pane. A `seed` (a row of an
 * evaluation) always gets a new conversation, with its system prompt and parameters, and
 * its user message in the composer, not sent.
 */
export function openInChat(store: ChatStore, endpoint: string, seed?: EndpointSeed): void {
  const chat = store.getState();
  // A new conversation, so the endpoint does not silently change under an existing one
  // (unless an answer is streaming there: that one is left alone, only the endpoint is set).
  const reuse = chat.activeId === null && chat.thread.length === 0;
  if (seed ? !reuse : chat.activeId === null && chat.thread.length > 0) chat.newConversation();
  store.getState().setEndpoint(endpoint);
  if (seed) {
    store.getState().setSystemPrompt(seed.systemPrompt);
    store.getState().setParams(seed.params);
    store.getState().setDraft(seed.draft);
  }
  useNavStore.getState().show('chat');
}
