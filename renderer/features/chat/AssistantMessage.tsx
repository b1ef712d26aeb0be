import { memo, useId } from 'react';
import type { OutputItem } from '../../../shared/domain';
import { Markdown } from '../../components/markdown/LazyMarkdown';
import { OutputItemCards } from '../../components/OutputItemCards';
import { StructuredAnswer } from '../../components/StructuredAnswer';
import { answerVerdict } from '../../components/structured-answer';
import { ThinkingSection } from '../../components/ThinkingSection';
import type { ChoiceRecord, MessageRecord } from '../../core/db/records';
import { paramProblemsFor } from '../../core/endpoint-capabilities';
import { formatCost, formatError, formatMetrics, formatTokens } from '../../core/format';
import { hasReasoning } from '../../core/reasoning';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { pendingCalls } from '../../core/tool-loop';
import { BranchSwitcher } from './BranchSwitcher';
import { ChoiceTabs } from './ChoiceTabs';
import { choiceHasOutput } from './chat-events';
import { useChatStore } from './chat-store';
import { awaitsNextStep, capNote } from './chat-tools';
import { estimatedOutputTokens } from './chat-totals';
import { CopyDelete } from './MessageActions';
import { useCostOf } from './use-cost';

const EMPTY: ChoiceRecord = { text: '', finishReason: null };

const STATUS_LABEL: Partial<Record<NonNullable<MessageRecord['status']>, string>> = {
  stopped: 'Stopped',
  interrupted: 'Interrupted',
  error: 'Interrupted',
};

function Metrics({ message }: { message: MessageRecord }) {
  const costOf = useCostOf();
  if (!message.metrics)
    return message.status === 'interrupted' ? <InterruptedMetrics message={message} /> : null;
  const finish = message.choices?.[message.selectedChoice ?? 0]?.finishReason ?? null;
  // Cost counts every output token, reasoning included: it is computed from completionTokens.
  const parts = formatMetrics(message.metrics, finish, formatCost(costOf(message)));
  return (
    <p className="message__metrics" data-testid="message-metrics">
      {parts.join(' · ')}
    </p>
  );
}

/** What is known of an answer cut off before its metrics were written: its output, estimated. */
function InterruptedMetrics({ message }: { message: MessageRecord }) {
  return (
    <p className="message__metrics" data-testid="message-metrics">
      interrupted · {formatTokens(estimatedOutputTokens(message), true)} tokens out
    </p>
  );
}

/** Continue and Retry for an answer that was cut off (stopped, interrupted, failed, or hit max_tokens). */
function Recovery({ message }: { message: MessageRecord }) {
  const continueAnswer = useChatStore((s) => s.continueAnswer);
  const regenerate = useChatStore((s) => s.regenerate);
  const idle = useChatStore((s) => s.activeId === null);
  const finish = message.choices?.[message.selectedChoice ?? 0]?.finishReason;
  const cut = message.status === 'interrupted' || message.status === 'error' || message.status === 'stopped';
  if (!cut && finish !== 'length') return null;
  return (
    <div className="message__recovery">
      {message.status === 'interrupted' && (
        <p className="muted">The app closed while this answer was streaming; the text so far is kept.</p>
      )}
      {message.status === 'error' && message.error && (
        <p role="alert" className="alert" data-testid="message-error">
          {formatError(message.error)}
        </p>
      )}
      <div className="message__actions">
        {(message.content || awaitsNextStep(message.choices?.[message.selectedChoice ?? 0])) && (
          <button
            type="button"
            className="button button--small"
            disabled={!idle}
            title="Ask the model to go on from the last character"
            onClick={() => void continueAnswer(message.id)}
          >
            Continue
          </button>
        )}
        <button
          type="button"
          className="button button--small"
          disabled={!idle}
          title="A new answer beside this one"
          onClick={() => void regenerate(message.id)}
        >
          Retry
        </button>
      </div>
    </div>
  );
}

function Waiting() {
  const notice = useChatStore((s) => s.retryNotice);
  if (notice)
    return (
      <p role="status" className="notice" data-testid="retry-notice">
        {notice}
      </p>
    );
  return (
    <span className="typing" role="status" aria-label="Waiting for the first token">
      <span />
      <span />
      <span />
    </span>
  );
}

const NO_DRAFTS: Record<string, string> = {};

/**
 * The tool loop of the choice on screen: step text and call cards (arguments checked against
 * the tools the answer was given), and, for the pending calls of the last answer of the
 * thread, a result per call and one Send results (parallel calls are answered together).
 */
function ToolItems({ message, items }: { message: MessageRecord; items: readonly OutputItem[] }) {
  const streaming = message.status === 'streaming';
  const leaf = useChatStore((s) => (s.children[message.id]?.length ?? 0) === 0);
  const drafts = useChatStore((s) => s.toolDrafts[message.id]) ?? NO_DRAFTS;
  const current = useChatStore((s) => s.params);
  const idle = useChatStore((s) => s.activeId === null);
  const setDraft = useChatStore((s) => s.setToolDraft);
  const submit = useChatStore((s) => s.submitToolResults);
  const endpoint = useChatStore((s) => s.endpoint);
  const info = useEndpointsStore((s) => s.endpoints.find((e) => e.name === endpoint));
  // Results go with the current parameters: refused ones hold them back, and say why.
  const problem = endpoint ? (paramProblemsFor(current, info ?? { name: endpoint })[0] ?? null) : null;
  const params = message.params?.tools?.length ? message.params : undefined;
  const answerable = !streaming && leaf && params !== undefined && pendingCalls(items).length > 0;
  const several = (message.choices?.length ?? 0) > 1;
  const cap = answerable ? capNote(items, current) : null;
  return (
    <>
      <OutputItemCards
        items={items}
        streaming={streaming}
        params={params}
        form={
          answerable
            ? {
                values: drafts,
                onChange: (callId, text) => setDraft(message.id, callId, text),
                onSubmit: () => {
                  const results: Record<string, string> = {};
                  for (const call of pendingCalls(items)) results[call.callId] = drafts[call.callId] ?? '';
                  void submit(message.id, results);
                },
                busy: !idle || problem !== null,
                note: problem
                  ? `Not sent until the parameters are fixed: ${problem}`
                  : several
                    ? 'Only this choice goes on.'
                    : undefined,
              }
            : undefined
        }
      />
      {cap && (
        <p className="notice" role="status" data-testid="tool-cap">
          {cap}
        </p>
      )}
    </>
  );
}

/**
 * What the choice on screen produced, in the model's order: its reasoning (a Thinking
 * section, open while the model thinks), tool calls as cards (an agent's, or the steps of a
 * tool loop), then the answer.
 */
function ChoiceOutput({ message, choice }: { message: MessageRecord; choice: ChoiceRecord | undefined }) {
  const streaming = message.status === 'streaming';
  const items = choice?.items ?? [];
  const thinking = streaming && message.content === '' && items.length === 0;
  return (
    <>
      {hasReasoning(choice?.reasoning) && (
        <ThinkingSection
          reasoning={choice?.reasoning ?? []}
          thinking={thinking}
          reasoningTokens={streaming ? null : message.metrics?.reasoningTokens}
        />
      )}
      {items.length > 0 && <ToolItems message={message} items={items} />}
      {message.content && (
        <div className="message__answer" data-testid="answer-text">
          {/* Asked for JSON: once finished, its verdict and the pretty JSON. */}
          <StructuredAnswer
            text={message.content}
            verdict={answerVerdict({ ...message, items, status: message.status ?? 'done' })}
          >
            <Markdown text={message.content} streaming={streaming} />
          </StructuredAnswer>
        </div>
      )}
    </>
  );
}

/**
 * One answer: its choices as tabs when n > 1, its reasoning and tool calls, markdown
 * rendered per block, its status in
 * `data-status`, recovery actions when it was cut off, metrics and cost once it is over.
 * Memoized on its id and reading its own message: only the streaming answer re-renders.
 */
export const AssistantMessage = memo(function AssistantMessage({ id }: { id: string }) {
  const message = useChatStore((s) => s.messages[id]);
  const highlighted = useChatStore((s) => s.highlightId === id);
  const regenerate = useChatStore((s) => s.regenerate);
  const idle = useChatStore((s) => s.activeId === null);
  const panelId = useId();
  if (!message) return null;
  const status = message.status ?? 'done';
  const streaming = status === 'streaming';
  const choices = message.choices ?? [];
  const selected = message.selectedChoice ?? 0;
  const label = STATUS_LABEL[status];
  return (
    <article
      className={`message message--assistant message--${status}${highlighted ? ' message--highlighted' : ''}`}
      data-testid="assistant-message"
      data-status={status}
      data-highlighted={highlighted ? 'true' : undefined}
      aria-busy={streaming}
    >
      <header className="message__meta">
        <span className="message__author">{message.model ?? message.endpoint}</span>
        {message.synthetic && (
          <span className="badge badge--demo" data-testid="synthetic-badge">
            Synthetic (demo workspace)
          </span>
        )}
        {label && <span className={`badge${status === 'stopped' ? '' : ' badge--warn'}`}>{label}</span>}
        <BranchSwitcher id={id} />
      </header>
      {choices.length > 1 && <ChoiceTabs id={id} choices={choices} selected={selected} panelId={panelId} />}
      <div
        id={panelId}
        {...(choices.length > 1 ? { role: 'tabpanel', 'aria-label': `Choice ${selected + 1}` } : {})}
      >
        <ChoiceOutput message={message} choice={choices[selected]} />
      </div>
      {streaming &&
        !message.content &&
        (!choiceHasOutput(choices[selected] ?? EMPTY) || awaitsNextStep(choices[selected])) && <Waiting />}
      {!streaming && <Recovery message={message} />}
      {!streaming && <Metrics message={message} />}
      {!streaming && (
        <footer className="message__actions">
          <button
            type="button"
            className="button button--small button--ghost"
            disabled={!idle}
            title="A new answer beside this one (a branch)"
            onClick={() => void regenerate(id)}
          >
            Regenerate
          </button>
          <CopyDelete id={id} />
        </footer>
      )}
    </article>
  );
});
