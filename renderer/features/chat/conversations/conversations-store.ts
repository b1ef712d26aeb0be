import { registerCommand } from '../../../core/commands';
import { conversationsRepo } from '../../../core/db/conversations-repo';
import { useNavStore } from '../../../core/nav-store';
import { onConversationChanged, useChatStore } from '../chat-store';
import { createConversationsStore } from './create-conversations-store';

/**
 * The app's conversations store (see `create-conversations-store.ts`): the sidebar's list,
 * search and undo, on the real database. It drives the chat store (open, new, rename) and
 * hears from it through `onConversationChanged`; the chat store never imports this one.
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

// The chat saved a conversation (a new one, a new title, a new answer): refresh the list.
onConversationChanged(() => void useConversationsStore.getState().refresh());
