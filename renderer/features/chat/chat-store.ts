import { getStudioApi } from '../../bridge';
import { selectCurrentWorkspace, useWorkspaceStore } from '../workspaces/workspace-store';
import { createChatStore } from './create-chat-store';

/**
 * The app's chat store (see `create-chat-store.ts` for its state and actions), bound to the
 * real bridge. Answers are labelled synthetic when the current workspace is the demo one.
 */
export const useChatStore = createChatStore({
  getApi: getStudioApi,
  isDemoWorkspace: () => selectCurrentWorkspace(useWorkspaceStore.getState())?.isDemo ?? false,
});
