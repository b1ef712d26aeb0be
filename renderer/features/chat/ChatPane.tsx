import { useEffect, useMemo } from 'react';
import { ParamsPanel } from '../../components/params/ParamsPanel';
import { endpointCapabilities } from '../../core/endpoint-capabilities';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { usePricesStore } from '../../core/stores/prices-store';
import { ChatError } from './ChatError';
import { ChatHeader } from './ChatHeader';
import { TrimNotice, UndoDelete } from './ChatNotices';
import { Composer } from './Composer';
import { useChatStore } from './chat-store';
import { ConversationSidebar } from './conversations/ConversationSidebar';
import { MessageList } from './MessageList';
import { warmUpMarkdown } from './markdown-warmup';
import { SystemPrompt } from './SystemPrompt';
import '../../styles/chat.css';

/** The parameters of the conversation, in a side panel. */
function ParamsAside() {
  const open = useChatStore((s) => s.paramsOpen);
  const params = useChatStore((s) => s.params);
  const setParams = useChatStore((s) => s.setParams);
  const endpoint = useChatStore((s) => s.endpoint);
  const info = useEndpointsStore((s) => s.endpoints.find((e) => e.name === endpoint));
  const capabilities = useMemo(
    () => (endpoint ? [endpointCapabilities(info ?? { name: endpoint })] : []),
    [endpoint, info],
  );
  if (!open) return null;
  return (
    <aside className="chat-layout__params" id="chat-params" aria-label="Parameters">
      <ParamsPanel
        value={params}
        onChange={setParams}
        task="chat"
        contextWindow={info?.contextWindow ?? null}
        capabilities={capabilities}
      />
    </aside>
  );
}

/**
 * The chat: conversations on the left, the conversation in the middle (header, system
 * prompt, messages, errors, composer), parameters on the right when open.
 */
export function ChatPane() {
  useEffect(() => {
    void useChatStore.getState().restoreLast();
    const prices = usePricesStore.getState();
    if (!prices.loaded) void prices.load();
    // So that the first conversation opened does not pay for the markdown code's first run.
    warmUpMarkdown();
  }, []);

  return (
    <section className="pane pane--chat chat-layout" aria-label="Chat">
      <ConversationSidebar />
      <div className="chat-layout__main">
        <ChatHeader />
        <SystemPrompt />
        <TrimNotice />
        <MessageList />
        <ChatError />
        <UndoDelete />
        <Composer />
      </div>
      <ParamsAside />
    </section>
  );
}
