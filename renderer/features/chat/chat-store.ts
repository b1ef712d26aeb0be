import { getStudioApi } from '../../core/bridge';
import { type ConversationsRepo, conversationsRepo } from '../../core/db/conversations-repo';
import { recordUsage } from '../../core/db/usage-repo';
import { registerEndpointOpener } from '../../core/open-endpoint';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { costOfAnswer } from '../../core/stores/prices-store';
import { missingEndpoint } from '../../core/stores/use-usable-endpoints';
import { selectCurrentWorkspace, useWorkspaceStore } from '../../core/stores/workspace-store';
import { registerChatCommands } from './chat-commands';
import { createChatStore } from './create-chat-store';
import { openInChat } from './open-in-chat';

let repo: ConversationsRepo | null = null;

const conversationListeners = new Set<() => void>();

/**
 * Calls `listener` whenever the chat saved a change to a conversation (the sidebar refreshes
 * its list). A subscription rather than an import, so the sidebar's store and this one don't
 * import each other.
 */
export function onConversationChanged(listener: () => void): () => void {
  conversationListeners.add(listener);
  return () => conversationListeners.delete(listener);
}

/**
 * The app's chat store (see `create-chat-store.ts` for its state and actions), bound to the
 * real bridge, the app database and the other stores it reads (endpoints for context
 * windows, prices for cost, the workspace for the synthetic label).
 */
export const useChatStore = createChatStore({
  getApi: getStudioApi,
  repo: () => {
    repo ??= conversationsRepo();
    return repo;
  },
  isDemoWorkspace: () => selectCurrentWorkspace(useWorkspaceStore.getState())?.isDemo ?? false,
  workspaceId: () => useWorkspaceStore.getState().currentId,
  endpointInfo: (name) => useEndpointsStore.getState().endpoints.find((e) => e.name === name),
  missingReason: (name) => missingEndpoint('chat', name)?.reason ?? null,
  onEndpointGone: (name, error) => useEndpointsStore.getState().markGone(name, error),
  costOf: costOfAnswer,
  recordUsage,
  onConversationChanged: () => {
    for (const listener of conversationListeners) listener();
  },
});

registerChatCommands(useChatStore);
registerEndpointOpener('chat', (endpoint, seed) => openInChat(useChatStore, endpoint, seed));
