import { useEffect, useMemo } from 'react';
import { ParamsPanel } from '../../components/params/ParamsPanel';
import { PresetMenu } from '../../components/params/PresetMenu';
import type { PresetRecord } from '../../core/db/records';
import { endpointCapabilities } from '../../core/endpoint-capabilities';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { usePricesStore } from '../../core/stores/prices-store';
import { ChatError } from './ChatError';
import { ChatHeader } from './ChatHeader';
import { TrimNotice, UndoDelete } from './ChatNotices';
import { Composer } from './Composer';
import { useChatStore } from './chat-store';
import { ConversationSidebar } from './conversations/ConversationSidebar';
import { MessageList, preloadMessageThread } from './MessageList';
import { warmUpMarkdown, whenIdle } from './markdown-warmup';
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
  const systemPrompt = useChatStore((s) => s.systemPrompt);
  const setOpen = useChatStore((s) => s.setParamsOpen);
  const defaultPreset = useChatStore((s) => s.defaultPreset);
  const setDefaultPreset = useChatStore((s) => s.setDefaultPreset);
  if (!open) return null;
  const onLoad = (preset: PresetRecord) => {
    const chat = useChatStore.getState();
    chat.setSystemPrompt(preset.systemPrompt);
    chat.setParams(preset.params);
  };
  return (
    <aside className="chat-layout__params" id="chat-params" aria-label="Parameters">
      {/* On a narrow window the panel is a drawer over the toolbar's Parameters button. */}
      <div className="chat-layout__params-close">
        <button
          type="button"
          className="button button--ghost button--small"
          aria-label="Close parameters"
          onClick={() => setOpen(false)}
        >
          Close
        </button>
      </div>
      <PresetMenu
        systemPrompt={systemPrompt}
        params={params}
        onLoad={onLoad}
        startPreset={{ current: defaultPreset, choose: setDefaultPreset }}
      />
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
    // So that the first conversation opened does not pay for the markdown code's first run,
    // nor the first message for the thread's code (both chunks of their own).
    warmUpMarkdown();
    whenIdle(preloadMessageThread);
  }, []);

  return (
    <section className="pane pane--chat chat-layout" aria-label="Chat">
      <ConversationSidebar />
      <div className="chat-layout__main">
        <ChatHeader />
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
