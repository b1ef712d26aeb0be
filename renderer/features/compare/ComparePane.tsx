import { useEffect, useMemo } from 'react';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { usePricesStore } from '../../core/stores/prices-store';
import { Leaderboard, VoteBar } from './BlindVote';
import { CompareComposer } from './CompareComposer';
import { CompareToolbar, SharedSettings } from './CompareToolbar';
import { turnBadges } from './compare-metrics';
import { answerFor, displayOrder } from './compare-model';
import { namesHidden } from './compare-persist';
import { useCompareStore } from './compare-store';
import { formatNotSent, summaryText, validationSummary } from './compare-structured';
import { DiffView } from './DiffView';
import { PaneCard } from './PaneCard';
import { ExportButtons, SavedComparisons, SetupControls } from './SavedPanel';
import { useChatEndpoints } from './use-chat-endpoints';
import '../../styles/compare.css';

/** Gives panes without an endpoint one of the workspace's chat endpoints (a different one each). */
function useDefaultEndpoints() {
  const { endpoints, status } = useChatEndpoints();
  const panes = useCompareStore((s) => s.panes);
  const initialised = useCompareStore((s) => s.initialised);
  const setEndpoint = useCompareStore((s) => s.setPaneEndpoint);
  useEffect(() => {
    if (!initialised || status !== 'ready' || endpoints.length === 0) return;
    panes.forEach((p, i) => {
      const pick = endpoints[i % endpoints.length];
      if (!p.endpoint && pick) setEndpoint(p.id, pick.name);
    });
  }, [initialised, status, endpoints, panes, setEndpoint]);
}

/** The panes in display order with their badges for the last turn. */
function PaneGrid() {
  const panes = useCompareStore((s) => s.panes);
  const blind = useCompareStore((s) => s.blind);
  const order = useCompareStore((s) => s.order);
  const turn = useCompareStore((s) => s.turns.length - 1);
  const hidden = useCompareStore(namesHidden);
  const shown = useMemo(() => displayOrder(panes, blind, order), [panes, blind, order]);
  const badges = useMemo(
    () => turnBadges(panes.map((p) => ({ paneId: p.id, answer: answerFor(p, turn) }))),
    [panes, turn],
  );
  return (
    <div className="cmp-grid" data-count={shown.length}>
      {shown.map((pane, i) => (
        <PaneCard
          key={pane.id}
          pane={pane}
          position={i}
          count={shown.length}
          hidden={hidden}
          badges={{
            fastest: badges.fastest.has(pane.id),
            throughput: badges.throughput.has(pane.id),
            cheapest: badges.cheapest.has(pane.id),
          }}
        />
      ))}
    </div>
  );
}

/** "2 of 3 panes match the schema": which models followed the format, on the last turn. */
function ValidationLine() {
  const panes = useCompareStore((s) => s.panes);
  const turn = useCompareStore((s) => s.turns.length - 1);
  const shared = useCompareStore((s) => s.sharedParams);
  const endpoints = useEndpointsStore((s) => s.endpoints);
  const summary = useMemo(() => validationSummary(panes, turn), [panes, turn]);
  const notSent = useMemo(
    () =>
      panes.filter(
        (p) =>
          answerFor(p, turn) &&
          formatNotSent(
            p,
            shared,
            endpoints.find((e) => e.name === p.endpoint),
          ) !== null,
      ).length,
    [panes, turn, shared, endpoints],
  );
  if (!summary) return null;
  const all = summary.valid === summary.judged;
  return (
    <p
      className={`structured-badge structured-badge--${all ? 'ok' : 'bad'} cmp-validation`}
      role="status"
      data-testid="validation-summary"
    >
      {summaryText(summary, notSent)}
    </p>
  );
}

/**
 * Side-by-side comparison: 2–6 panes, one prompt to all, answers streaming in parallel with
 * per-pane metrics; sweeps, blind voting with a leaderboard, word diff, saved setups and
 * comparisons, Markdown/JSONL export.
 */
export function ComparePane() {
  const error = useCompareStore((s) => s.error);
  useEffect(() => {
    void useCompareStore.getState().init();
    const prices = usePricesStore.getState();
    if (!prices.loaded) void prices.load();
  }, []);
  useDefaultEndpoints();

  return (
    <section className="pane cmp" aria-label="Compare">
      <header className="cmp__top">
        <h2 className="cmp__title">Compare</h2>
        <CompareToolbar />
      </header>
      <SharedSettings />
      {error && (
        <p className="alert alert--inline" role="alert">
          {error}
        </p>
      )}
      {/* Above the panes: visible as soon as the answers are in, without scrolling. */}
      <VoteBar />
      <ValidationLine />
      <PaneGrid />
      <CompareComposer />
      <div className="cmp__bottom">
        {/* Saving and exporting sit together below the composer, leaving the top row to the panes. */}
        <div className="cmp__save-row">
          <ExportButtons />
          <SetupControls />
        </div>
        <DiffView />
        <Leaderboard />
        <SavedComparisons />
      </div>
    </section>
  );
}
