import { registerCommand } from '../../../core/commands';
import { useNavStore } from '../../../core/nav-store';
import { conversationsRepo } from '../../../core/db/conversations-repo';
import { useChatStore } from '../chat-store';
import { createConversationsStore } from './create-conversations-store';

/**
 * The app's conversations store (see `create-conversations-store.ts`): the sidebar's list,
 * search and undo, on the real database. The chat store is reached lazily (inside actions),
 * so the two stores may import each other without an initialisation-order problem.
 */
export const useConversationsStore = createConversationsStore({
  repo: () => conversationsRepo(),
  chat: () => {
    const chat = useChatStore.getState();
    return {
      openId: () => chat.conversationId,
      open: (id, focusMessageId) => useChatStore.getState().openConversation(id, focusMessageId),
      newConversation: () => useChatStore.getState().newConversation(),
      // The chat shows the open conversation's title; it has no rename action, so its state is
      // patched here (the record on disk is already renamed).
      renamed: (id, title) => {
        if (useChatStore.getState().conversationId === id) useChatStore.setState({ title });
      },
    };
  },
  // The search box lives in the chat pane's sidebar: Ctrl/Cmd+K from elsewhere goes there.
  onFocusSearch: () => useNavStore.getState().show('chat'),
});

// Ctrl/Cmd+K (the shortcut layer maps keys to commands; this store owns what the command does).
registerCommand('conversations.search', () => useConversationsStore.getState().focusSearch());
