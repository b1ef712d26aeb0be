import { useNavStore } from '../../core/nav-store';
import type { ChatState } from './chat-types';

/** The part of the chat store this needs. */
type ChatStore = { getState(): ChatState };

/*
 * "Use it": one click from a ready endpoint to a conversation with it. Only existing store
 * actions are called, so the chat behaves exactly as if the user had picked the endpoint.
 */

/** Starts a new chat with `endpoint` and shows the Chat pane. */
export function openInChat(store: ChatStore, endpoint: string): void {
  const chat = store.getState();
  // A new conversation, so the endpoint does not silently change under an existing one
  // (unless an answer is streaming there: that one is left alone, only the endpoint is set).
  if (chat.activeId === null && chat.thread.length > 0) chat.newConversation();
  store.getState().setEndpoint(endpoint);
  useNavStore.getState().show('chat');
}
