import { useState } from 'react';
import { Markdown } from '../../components/markdown/LazyMarkdown';
import type { ChoiceRecord, CompletionRunRecord } from '../../core/db/records';
import { formatCost, formatMetrics } from '../../core/format';
import { readPreference, writePreference } from '../../core/preferences';
import { useCompletionStore } from './completion-store';
import { describeStopCheck, isGreedy, type StopCheck } from './stop-check';
import { checkKey } from './stop-check-action';
import { describeStop, explainStop, type StopExplanation, showSequence } from './stop-explanation';
import { useRunCost } from './use-run-cost';

/** How much of a long prompt is shown before the completion (the rest behind a toggle). */
const PROMPT_TAIL_CHARS = 400;

/** The preference that remembers the "Render markdown" toggle (off unless set to '1'). */
const MARKDOWN_PREF = 'completion.renderMarkdown';

const STATUS_LABEL: Partial<Record<CompletionRunRecord['status'], string>> = {
  streaming: 'Streaming…',
  stopped: 'Stopped',
  interrupted: 'Interrupted',
  error: 'Failed',
};

/** The small inline marker where the text ended (a check, when made, settles the "or"). */
function endMarker(e: StopExplanation, check: StopCheck | undefined): string | null {
  if (check?.state === 'sequence') return `stop: ${check.sequences.map(showSequence).join(' / ')}`;
  if (check?.state === 'natural') return 'model end';
  switch (e.kind) {
    case 'length':
      return 'max_tokens reached';
    case 'natural':
      return 'model end';
    case 'stop-sequence-or-natural':
      return `stop: ${e.candidates.map(showSequence).join(' | ')} or model end`;
    case 'other':
      return e.reason;
    default:
      return null;
  }
}

interface ContinuationProps {
  prompt: string;
  text: string;
  marker: string | null;
  /** Renders the generated text as markdown; off shows it exactly as generated. */
  markdown?: boolean;
  streaming?: boolean;
}

/**
 * The prompt, then the completion in the same monospace flow, visibly distinct. With
 * markdown on, the completion is rendered below the raw prompt (blocks can't sit in a <pre>).
 */
export function Continuation({
  prompt,
  text,
  marker,
  markdown = false,
  streaming = false,
}: ContinuationProps) {
  const [whole, setWhole] = useState(false);
  const cut = !whole && prompt.length > PROMPT_TAIL_CHARS;
  const shown = cut ? prompt.slice(-PROMPT_TAIL_CHARS) : prompt;
  const end = marker && (
    <span className="completion-doc__end" aria-hidden="true">
      {marker}
    </span>
  );
  return (
    <>
      {prompt.length > PROMPT_TAIL_CHARS && (
        <button type="button" className="button button--ghost button--small" onClick={() => setWhole(!whole)}>
          {whole
            ? 'Show the end of the prompt only'
            : `Show the whole prompt (${prompt.length.toLocaleString('en-US')} characters)`}
        </button>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls on its own, and a keyboard must be able to scroll it (WCAG 2.1.1, axe scrollable-region-focusable) */}
      <pre className="completion-doc" tabIndex={0}>
        {cut && <span className="completion-doc__elided">…</span>}
        <span className="completion-doc__prompt">{shown}</span>
        {!markdown && (
          <span className="completion-doc__output" data-testid="completion-text">
            {text}
          </span>
        )}
        {!markdown && end}
      </pre>
      {markdown && (
        <div
          className="completion-doc__output completion-doc__output--markdown"
          data-testid="completion-text"
        >
          <Markdown text={text} streaming={streaming} />
          {end}
        </div>
      )}
    </>
  );
}

interface ChoiceProps {
  run: CompletionRunRecord;
  choice: ChoiceRecord;
  index: number;
  selected: boolean;
  many: boolean;
  markdown: boolean;
}

/** Offers (greedy decoding only) or shows the re-run check that settles "sequence or model end". */
function StopCheckLine({ run, index }: { run: CompletionRunRecord; index: number }) {
  const check = useCompletionStore((s) => s.stopChecks[checkKey(run.id, index)]);
  const checkStop = useCompletionStore((s) => s.checkStop);
  if (check)
    return (
      <p className="completion-choice__why" data-testid="stop-check" role="status">
        {describeStopCheck(check)}
      </p>
    );
  const greedy = isGreedy(run.params);
  return (
    <p className="completion-choice__why">
      <button
        type="button"
        className="button button--small"
        disabled={!greedy}
        title={
          greedy
            ? 'Re-runs this prompt without stop sequences (one more request, billed) to see what comes next'
            : 'Only with temperature 0 or top_k 1: a sampled re-run may differ for other reasons'
        }
        onClick={() => void checkStop(index)}
      >
        Check which ended it
      </button>
      {!greedy && <span className="hint"> needs temperature 0 (or top_k 1)</span>}
    </p>
  );
}

/** One choice: the continuation, its finish_reason and why it ended. */
function Choice({ run, choice, index, selected, many, markdown }: ChoiceProps) {
  const selectChoice = useCompletionStore((s) => s.selectChoice);
  const streaming = run.status === 'streaming';
  const explanation = explainStop(choice.text, choice.finishReason, run.params.stop);
  const check = useCompletionStore((s) => s.stopChecks[checkKey(run.id, index)]);
  return (
    <article
      className={`completion-choice${selected && many ? ' completion-choice--selected' : ''}`}
      data-testid="completion-choice"
      data-finish-reason={choice.finishReason ?? ''}
      aria-busy={streaming}
    >
      {many && (
        <header className="completion-choice__head">
          <label>
            <input
              type="radio"
              name="completion-choice"
              checked={selected}
              onChange={() => selectChoice(index)}
            />{' '}
            Choice {index + 1}
          </label>
        </header>
      )}
      <Continuation
        prompt={run.prompt}
        text={choice.text}
        marker={streaming ? null : endMarker(explanation, check)}
        markdown={markdown}
        streaming={streaming}
      />
      {!streaming && (
        <p className="completion-choice__finish" data-testid="finish-reason">
          finish_reason: <code>{choice.finishReason ?? 'none'}</code>
        </p>
      )}
      {!streaming && explanation.kind !== 'unfinished' && (
        <p className="completion-choice__why" data-testid="stop-explanation">
          {describeStop(explanation)}
        </p>
      )}
      {!streaming && explanation.kind === 'stop-sequence-or-natural' && (
        <StopCheckLine run={run} index={index} />
      )}
    </article>
  );
}

/** TTFT, tokens/s, tokens in/out and cost of the run. */
function RunMetrics({ run }: { run: CompletionRunRecord }) {
  const cost = useRunCost(run);
  if (!run.metrics) return null;
  const parts = formatMetrics(run.metrics, null);
  parts.push(`cost ${formatCost(cost)}`);
  return (
    <p className="completion-metrics" data-testid="completion-metrics">
      {parts.join(' · ')}
    </p>
  );
}

/** The "Render markdown" switch, remembered across sessions. */
function useMarkdownPreference(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => readPreference(MARKDOWN_PREF) === '1');
  const change = (next: boolean) => {
    setOn(next);
    writePreference(MARKDOWN_PREF, next ? '1' : null);
  };
  return [on, change];
}

/** The run on screen: its choices side by side, metrics, status and the synthetic label. */
export function CompletionOutput() {
  const run = useCompletionStore((s) => s.run);
  const selected = useCompletionStore((s) => s.selectedChoice);
  const notice = useCompletionStore((s) => s.retryNotice);
  const [markdown, setMarkdown] = useMarkdownPreference();
  if (!run) return null;
  const label = STATUS_LABEL[run.status];
  const choices = run.choices.length > 0 ? run.choices : [{ text: '', finishReason: null }];
  return (
    <section
      className="completion-output"
      aria-label="Output"
      data-testid="completion-output"
      data-status={run.status}
    >
      <header className="completion-output__head">
        <strong>{run.model ?? run.endpoint}</strong>
        {run.synthetic && (
          <span className="badge badge--demo" data-testid="synthetic-badge">
            Synthetic (demo workspace)
          </span>
        )}
        {label && <span className={`badge${run.status === 'stopped' ? '' : ' badge--warn'}`}>{label}</span>}
        <span className="hint">{new Date(run.createdAt).toLocaleString()}</span>
        <label className="completion-output__markdown">
          <input type="checkbox" checked={markdown} onChange={(event) => setMarkdown(event.target.checked)} />{' '}
          Render markdown
        </label>
      </header>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <div
        className="completion-choices"
        style={{ gridTemplateColumns: `repeat(${Math.min(choices.length, 3)}, minmax(0, 1fr))` }}
      >
        {choices.map((choice, i) => (
          <Choice
            // Choices are positional: index i is the server's choice i.
            // biome-ignore lint/suspicious/noArrayIndexKey: the index is the choice's identity.
            key={i}
            run={run}
            choice={choice}
            index={i}
            selected={i === selected}
            many={choices.length > 1}
            markdown={markdown}
          />
        ))}
      </div>
      <RunMetrics run={run} />
    </section>
  );
}
