import { useEffect, useRef, useState } from 'react';
import { Markdown } from '../../components/markdown/LazyMarkdown';
import { OutputItemCards } from '../../components/OutputItemCards';
import { StructuredAnswer } from '../../components/StructuredAnswer';
import { ThinkingSection } from '../../components/ThinkingSection';
import type { CompareAnswer } from '../../core/db/records';
import { formatError } from '../../core/format';
import { hasReasoning } from '../../core/reasoning';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { blindLabel, type PaneState } from './compare-model';
import { useCompareStore } from './compare-store';
import { formatNotSent, paneVerdict } from './compare-structured';
import { PaneHeader } from './PaneHeader';
import { type PaneBadges, PaneMetrics } from './PaneMetrics';
import { PaneToolStatus } from './PaneToolStatus';

/** Props of one pane. */
export interface PaneCardProps {
  pane: PaneState;
  /** Display position (0-based): "pane 1", or blind label "A". */
  position: number;
  count: number;
  /** Blind mode before the vote: the endpoint is not shown anywhere. */
  hidden: boolean;
  badges: PaneBadges;
}

/**
 * Keeps the newest turn's start at the top of the pane while its answer grows (until the
 * user scrolls), so every pane shows the new answer from its first line. The turn can only
 * be scrolled to once enough text exists, hence re-applying as the text grows.
 */
function usePinnedTurn(turnCount: number, lastLength: number) {
  const body = useRef<HTMLDivElement>(null);
  const pinned = useRef(false);
  useEffect(() => {
    pinned.current = turnCount > 1;
  }, [turnCount]);
  useEffect(() => {
    const el = body.current;
    const section = el?.querySelector<HTMLElement>('.cmp-turn:last-of-type');
    if (el && section && pinned.current && lastLength >= 0) el.scrollTop = section.offsetTop;
  }, [lastLength]);
  useEffect(() => {
    const el = body.current;
    if (!el) return;
    const release = () => {
      pinned.current = false;
    };
    const events = ['wheel', 'touchstart', 'keydown'] as const;
    for (const e of events) el.addEventListener(e, release, { passive: true });
    return () => {
      for (const e of events) el.removeEventListener(e, release);
    };
  }, []);
  return body;
}

/**
 * An answer: its reasoning (Thinking), its tool calls (with their argument checks), then its
 * text; asked for JSON, its verdict (or why its endpoint was not asked: `notSent`).
 */
function AnswerView({
  answer,
  notSent,
  paneId,
  last,
}: {
  answer: CompareAnswer;
  notSent: string | null;
  paneId: string;
  /** The comparison's latest turn: only there can waiting calls be answered. */
  last: boolean;
}) {
  const streaming = answer.status === 'streaming';
  const submit = useCompareStore((s) => s.submitToolResults);
  const [results, setResults] = useState<Record<string, string>>({});
  const items = answer.items ?? [];
  const reasoned = hasReasoning(answer.reasoning);
  const thinking = streaming && answer.content === '' && items.length === 0;
  return (
    <div
      className={`cmp-answer cmp-answer--${answer.status}`}
      data-testid="pane-answer"
      data-status={answer.status}
    >
      {reasoned && (
        <ThinkingSection
          reasoning={answer.reasoning ?? []}
          thinking={thinking}
          reasoningTokens={streaming ? null : answer.metrics?.reasoningTokens}
        />
      )}
      {items.length > 0 && (
        <OutputItemCards
          items={items}
          streaming={streaming}
          params={answer.params}
          form={
            last && answer.status === 'done' && answer.params?.tools?.length
              ? {
                  values: results,
                  onChange: (callId, text) => setResults((r) => ({ ...r, [callId]: text })),
                  onSubmit: () => {
                    if (submit(paneId, answer.turn, results)) setResults({});
                  },
                  busy: false,
                }
              : undefined
          }
        />
      )}
      <PaneToolStatus answer={answer} />
      {notSent && (
        <p
          className="structured-badge structured-badge--muted"
          data-testid="pane-validation"
          data-verdict="not-sent"
        >
          No response format sent: {notSent}
        </p>
      )}
      {answer.content === '' && streaming ? (
        !reasoned && items.length === 0 && <span className="muted">Waiting for the first token…</span>
      ) : (
        <StructuredAnswer text={answer.content} verdict={paneVerdict(answer)} badgeTestId="pane-validation">
          <Markdown text={answer.content} streaming={streaming} />
        </StructuredAnswer>
      )}
      {answer.status === 'stopped' && <span className="badge badge--warn">stopped</span>}
      {answer.error && (
        <p className="alert alert--inline" role="alert" data-testid="pane-error">
          {formatError(answer.error)}
        </p>
      )}
    </div>
  );
}

/** One pane: its header (endpoint, parameters, move/remove, stop), its conversation and metrics. */
export function PaneCard({ pane, position, count, hidden, badges }: PaneCardProps) {
  const turns = useCompareStore((s) => s.turns);
  const notice = useCompareStore((s) => s.notices[pane.id] ?? null);
  const synthetic = useCompareStore((s) => s.synthetic);
  const last = pane.answers.at(-1);
  const shared = useCompareStore((s) => s.sharedParams);
  const info = useEndpointsStore((s) => s.endpoints.find((e) => e.name === pane.endpoint));
  const notSent = formatNotSent(pane, shared, info);
  const body = usePinnedTurn(turns.length, last?.content.length ?? 0);
  const name = hidden ? `Model ${blindLabel(position)}` : (pane.endpoint ?? 'No endpoint');
  return (
    <article
      className="cmp-pane"
      data-testid="compare-pane"
      aria-label={hidden ? name : `Pane ${position + 1}`}
      data-endpoint={hidden ? undefined : (pane.endpoint ?? '')}
      data-label={blindLabel(position)}
      data-status={last?.status ?? 'idle'}
    >
      <PaneHeader pane={pane} position={position} count={count} hidden={hidden} name={name} />
      <div className="cmp-pane__body" ref={body}>
        {turns.map((user, turn) => {
          const answer = pane.answers.find((a) => a.turn === turn);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: turns only ever grow at the end.
            <section key={turn} className="cmp-turn" aria-label={`Turn ${turn + 1}`}>
              <p className="cmp-turn__user">{user}</p>
              {answer ? (
                <AnswerView
                  answer={answer}
                  notSent={turn === turns.length - 1 ? notSent : null}
                  paneId={pane.id}
                  last={turn === turns.length - 1}
                />
              ) : (
                <p className="muted">Not sent to this pane.</p>
              )}
            </section>
          );
        })}
        {turns.length === 0 && <p className="muted">Answers appear here.</p>}
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
      </div>
      <footer className="cmp-pane__footer">
        {synthetic && last && (
          <span className="badge badge--demo" title="The demo workspace's models are generators, not LLMs">
            synthetic
          </span>
        )}
        {last && <PaneMetrics answer={last} badges={badges} />}
      </footer>
    </article>
  );
}
