import type { Metrics } from '../../../shared/domain';
import { costUsd } from '../../../shared/pricing';
import { getStudioApi } from '../../core/bridge';
import { type ConversationsRepo, conversationsRepo } from '../../core/db/conversations-repo';
import { recordUsage } from '../../core/db/usage-repo';
import { useConversationsStore } from './conversations/conversations-store';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { usePricesStore } from '../../core/stores/prices-store';
import { selectCurrentWorkspace, useWorkspaceStore } from '../../core/stores/workspace-store';
import { registerChatCommands } from './chat-commands';
import { createChatStore } from './create-chat-store';

let repo: ConversationsRepo | null = null;

/** Cost of an answer at today's price table; null when the endpoint has no known price. */
function costOf(endpoint: string, metrics: Metrics): number | null {
  const price = usePricesStore.getState().priceFor(endpoint);
  if (!price || (metrics.promptTokens === null && metrics.completionTokens === null)) return null;
  return costUsd(metrics, price);
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
  costOf,
  recordUsage,
  onConversationChanged: () => void useConversationsStore.getState().refresh(),
});

registerChatCommands(useChatStore);
