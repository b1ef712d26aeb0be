import { useNavStore } from '../../core/nav-store';
import { useChatStore } from '../chat/chat-store';
import { useCompareStore } from '../compare/compare-store';

/*
 * "Use it": one click from a ready endpoint to a conversation with it. Only existing store
 * actions are called, so the chat behaves exactly as if the user had picked the endpoint.
 */

/** Starts a new chat with `endpoint` and shows the Chat pane. */
export function openInChat(endpoint: string): void {
  const chat = useChatStore.getState();
  // A new conversation, so the endpoint does not silently change under an existing one
  // (unless an answer is streaming there: that one is left alone, only the endpoint is set).
  if (chat.activeId === null && chat.thread.length > 0) chat.newConversation();
  useChatStore.getState().setEndpoint(endpoint);
  useNavStore.getState().show('chat');
}

/**
 * Puts `endpoint` into the Compare pane and shows it: into the first pane without an
 * endpoint, else a new pane, else (all panes taken) the last pane. Nothing changes when a pane
 * already has it.
 */
export function openInCompare(endpoint: string): void {
  const compare = useCompareStore.getState();
  // init restores the remembered setup synchronously; run it first so it can't undo this.
  void compare.init();
  const { panes } = useCompareStore.getState();
  if (!panes.some((p) => p.endpoint === endpoint)) {
    const empty = panes.find((p) => !p.endpoint);
    if (empty) compare.setPaneEndpoint(empty.id, endpoint);
    else {
      compare.addPane(endpoint);
      const after = useCompareStore.getState().panes;
      const last = after[after.length - 1];
      if (!after.some((p) => p.endpoint === endpoint) && last) compare.setPaneEndpoint(last.id, endpoint);
    }
  }
  useNavStore.getState().show('compare');
}
