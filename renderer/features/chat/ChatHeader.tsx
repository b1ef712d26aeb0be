import { useCallback, useMemo } from 'react';
import type { ChatMessage } from '../../../shared/domain';
import { RequestTools } from '../../components/params/RequestTools';
import { formatCost, formatTokens } from '../../core/format';
import { previewImageUrl } from '../../core/images';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { ChatEndpointPicker } from './ChatEndpointPicker';
import { fitToWindow, requestMessages } from './chat-history';
import { useChatStore } from './chat-store';
import { conversationTotals } from './chat-totals';
import { SystemPrompt } from './SystemPrompt';
import { useCostOf } from './use-cost';

/** Tokens in/out, cost and answers of the whole conversation (all branches: all were paid for). */
function Totals() {
  const messages = useChatStore((s) => s.messages);
  const costOf = useCostOf();
  const t = useMemo(() => conversationTotals(messages, costOf), [messages, costOf]);
  if (t.answers === 0) return null;
  const cost = t.costUsd === null ? '—' : `${t.costPartial ? '≥ ' : ''}${formatCost(t.costUsd)}`;
  return (
    <p className="chat-header__totals" data-testid="conversation-totals">
      {formatTokens(t.promptTokens, t.estimated)} in · {formatTokens(t.completionTokens, t.estimated)} out ·{' '}
      {cost} · {t.answers} {t.answers === 1 ? 'answer' : 'answers'}
    </p>
  );
}

/**
 * What would be sent if the draft were sent now (for View request / Code), as a function the
 * request tools call only while their dialog is open: building it walks the whole thread, which
 * in a 2,000-message conversation cost every keystroke tens of milliseconds.
 */
function useDraftRequest(): () => ChatMessage[] {
  const thread = useChatStore((s) => s.thread);
  const messages = useChatStore((s) => s.messages);
  const systemPrompt = useChatStore((s) => s.systemPrompt);
  const draft = useChatStore((s) => s.draft);
  const draftImages = useChatStore((s) => s.draftImages);
  const trim = useChatStore((s) => s.trimToFit);
  const cpt = useChatStore((s) => s.charsPerToken);
  const maxTokens = useChatStore((s) => s.params.max_tokens);
  const endpoint = useChatStore((s) => s.endpoint);
  const window = useEndpointsStore(
    (s) => s.endpoints.find((e) => e.name === endpoint)?.contextWindow ?? null,
  );
  return useCallback(() => {
    const history = requestMessages(
      thread.flatMap((id) => messages[id] ?? []),
      systemPrompt,
    );
    // Pictures show as their type and size, not megabytes of base64 (see previewImageUrl).
    const images = draftImages.map((i) => ({ url: previewImageUrl(i.attachment) }));
    const all: ChatMessage[] =
      draft.trim() || images.length > 0
        ? [...history, { role: 'user', content: draft, ...(images.length > 0 ? { images } : {}) }]
        : history;
    if (!trim || !window) return all;
    return fitToWindow(all, Math.floor(window * 0.95) - (maxTokens ?? 0), cpt).messages;
  }, [thread, messages, systemPrompt, draft, draftImages, trim, window, maxTokens, cpt]);
}

/**
 * The chat's header, kept to three short rows so the conversation has the room: title and
 * totals; the endpoint with its badges; the request tools, the parameters panel's button and
 * the system prompt's toggle (its text box opens on a row of its own). Presets live with the
 * parameters, in the side panel; "New conversation" is at the top of the sidebar.
 */
export function ChatHeader() {
  const title = useChatStore((s) => s.title);
  const endpoint = useChatStore((s) => s.endpoint);
  const params = useChatStore((s) => s.params);
  const paramsOpen = useChatStore((s) => s.paramsOpen);
  const setParamsOpen = useChatStore((s) => s.setParamsOpen);
  const messages = useDraftRequest();

  return (
    <header className="chat-header">
      <div className="chat-header__row">
        <h2 className="chat-header__title" title={title || undefined}>
          {title || 'New conversation'}
        </h2>
        <Totals />
      </div>
      <div className="chat-header__row chat-header__tools">
        <ChatEndpointPicker />
        <div className="row chat-header__buttons">
          <RequestTools kind="chat" endpoint={endpoint} messages={messages} params={params} />
          <button
            type="button"
            className="button button--small"
            aria-expanded={paramsOpen}
            aria-controls="chat-params"
            onClick={() => setParamsOpen(!paramsOpen)}
          >
            Parameters
          </button>
          <SystemPrompt />
        </div>
      </div>
    </header>
  );
}
