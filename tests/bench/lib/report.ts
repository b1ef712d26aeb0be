import { round, type Summary } from './stats';

/**
 * The benchmark's results: the JSON written to bench-results/latest.json, the targets the app
 * is held to, and the Markdown tables printed and put in the README (both come from the JSON,
 * so they always agree).
 */

/** The machine a run came from. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  chromium: string;
  /** 1-minute load average when the run started (other work on the machine skews timings). */
  loadAverage: number;
  /** True when the run started with the load average above the core count (see machineLoaded). */
  loaded?: boolean;
}

/** A run that started with more runnable work than cores: its timings measure the other work too. */
export const machineLoaded = (m: Machine): boolean => m.loadAverage > m.cores;

/** One target from issue 8, with the figure measured for it. */
export interface TargetResult {
  id: string;
  /** What is measured, for people. */
  label: string;
  /** The goal, for people ("≤ 100 ms"). */
  goal: string;
  unit: string;
  /** The median over runs (or the single figure); the worst run's for a worst-case goal. */
  value: number;
  min: number;
  max: number;
  /** null for a figure the issue sets no goal for (reported, not judged). */
  met: boolean | null;
  /** 'worst': a worst-case goal ("no task over 50 ms"), judged on the worst run, not the median. */
  judged?: 'median' | 'worst';
  /** What else a reader needs beside the figure ("3 tasks > 50 ms in 5 runs"), shown after it. */
  note?: string;
  /** Why a row has no figure: its feature is missing (never a faked value). */
  notMeasured?: string;
}

/** A row of the per-renderer streaming table. */
export interface RendererRow {
  renderer: string;
  /**
   * How it was fed: 'product' (as shipped: the app's whole path and batching, or a peer
   * updating once per event it receives) or 'same cadence' (the bench page's recorded events,
   * one update per event). A peer's row is both: it ships that way.
   */
  cadence: 'product' | 'same cadence' | 'both';
  /** Main-thread CPU, first token sent → main thread idle after the last. */
  busyMs: Summary;
  updatesPerSec: Summary;
  /** Each marker sent → painted, ms. */
  staleP50Ms: Summary;
  staleP95Ms: Summary;
  staleMaxMs: Summary;
  longestTaskMs: Summary;
  framesOver50: Summary;
  updateGrowth: Summary;
  drainMs: Summary;
}

/** Everything one run of `npm run bench` measured. */
export interface BenchResults {
  version: 1;
  date: string;
  /** The commit measured (short hash, "+dirty" when the tree had changes); absent in older files. */
  commit?: string;
  machine: Machine;
  /** Repetitions of each scenario. */
  runs: number;
  durationSec: number;
  targets: TargetResult[];
  /** Scenario 1's renderers side by side. */
  renderers: RendererRow[];
  /** Ours / peer ratios of main-thread CPU time in scenario 1 (medians). */
  ratios: Record<string, number>;
  /** Every scenario's full figures (runs, samples, steps). */
  scenarios: Record<string, unknown>;
  /** Scenarios that failed, with the error: their rows are missing, and the table says so. */
  failures?: Record<string, string>;
  /** Scenarios measured again in a later run and merged in (`--only … --into-latest`). */
  remeasured?: { scenarios: string[]; date: string; commit?: string; loadAverage: number; runs: number }[];
}

/** A figure with no goal: reported beside the targets, not judged. */
export function info(id: string, label: string, summary: Summary, unit: string): TargetResult {
  return { id, label, goal: '—', unit, value: summary.median, min: summary.min, max: summary.max, met: null };
}

/** A target from a summary: `better` says whether lower or higher values are good. */
export function target(
  id: string,
  label: string,
  summary: Summary,
  limit: number,
  unit: string,
  better: 'lower' | 'higher' = 'lower',
  judged: 'median' | 'worst' = 'median',
): TargetResult {
  const bound = `${better === 'lower' ? '≤' : '≥'} ${limit.toLocaleString('en-US')} ${unit}`.trim();
  if (judged === 'worst') {
    // A worst-case goal holds only if it holds in every run: the worst run is the figure.
    const worst = better === 'lower' ? summary.max : summary.min;
    const met = better === 'lower' ? worst <= limit : worst >= limit;
    const goal = `${bound}, worst run`;
    return { id, label, goal, unit, value: worst, min: summary.min, max: summary.max, met, judged };
  }
  const met = better === 'lower' ? summary.median <= limit : summary.median >= limit;
  return { id, label, goal: bound, unit, value: summary.median, min: summary.min, max: summary.max, met };
}

/** Adds a note to a target (shown after its figure). */
export const withNote = (t: TargetResult, note: string): TargetResult => ({ ...t, note });

/** A row the benchmark cannot measure because its feature hasn't landed: no figure, the reason. */
export function notMeasured(id: string, label: string, goal: string, reason: string): TargetResult {
  return {
    id,
    label,
    goal,
    unit: '',
    value: Number.NaN,
    min: Number.NaN,
    max: Number.NaN,
    met: null,
    notMeasured: reason,
  };
}

/** "2 tasks > 50 ms in 5 runs" (or "none …"): the count a worst-case row reports beside its max. */
export function overCount(counts: readonly number[], what: string, limitMs = 50): string {
  const total = counts.reduce((sum, n) => sum + (Number.isFinite(n) ? n : 0), 0);
  return `${total === 0 ? 'no' : total.toLocaleString('en-US')} ${what} > ${limitMs} ms in ${counts.length} run${counts.length === 1 ? '' : 's'}`;
}

/**
 * `base` with `scenarios` measured again in `partial`: their rows replaced where they stood (new
 * ones appended), their figures and failures replaced, and the re-measurement recorded so the
 * table says which rows come from which run.
 */
export function mergeRemeasured(
  base: BenchResults,
  partial: BenchResults,
  scenarios: string[],
): BenchResults {
  const fresh = new Map(partial.targets.map((t) => [t.id, t]));
  const targets = base.targets.flatMap((t) => {
    const next = fresh.get(t.id);
    if (!next) return [t];
    fresh.delete(t.id);
    return [next];
  });
  const failures = { ...base.failures };
  for (const name of scenarios) delete failures[name];
  for (const [name, message] of Object.entries(partial.failures ?? {})) failures[name] = message;
  const streaming = scenarios.includes('streaming');
  const { failures: _old, ...rest } = base;
  return {
    ...rest,
    targets: [...targets, ...fresh.values()],
    renderers: streaming ? partial.renderers : base.renderers,
    ratios: streaming ? partial.ratios : base.ratios,
    scenarios: { ...base.scenarios, ...partial.scenarios },
    ...(Object.keys(failures).length > 0 ? { failures } : {}),
    remeasured: [
      ...(base.remeasured ?? []),
      {
        scenarios,
        date: partial.date,
        ...(partial.commit ? { commit: partial.commit } : {}),
        loadAverage: partial.machine.loadAverage,
        runs: partial.runs,
      },
    ],
  };
}

/** One line per target also in `base`: its figure then and now, and the change. */
export function compareTargets(base: BenchResults, now: BenchResults): string[] {
  const before = new Map(base.targets.map((t) => [t.id, t]));
  return now.targets.flatMap((t) => {
    const old = before.get(t.id);
    if (!old) return [`${t.id}: ${fmt(t.value)} ${t.unit} (new)`];
    const change =
      old.value === 0
        ? ''
        : ` (${t.value >= old.value ? '+' : ''}${fmt(((t.value - old.value) / old.value) * 100)} %)`;
    const verdict = t.met === old.met || t.met === null ? '' : t.met ? ', now met' : ', now missed';
    return [`${t.id}: ${fmt(old.value)} → ${fmt(t.value)} ${t.unit}${change}${verdict}`];
  });
}

const fmt = (value: number): string =>
  Number.isFinite(value) ? round(value).toLocaleString('en-US', { maximumFractionDigits: 2 }) : '—';

const spread = (min: number, max: number): string =>
  Number.isFinite(min) && Number.isFinite(max) && min !== max ? ` (${fmt(min)}–${fmt(max)})` : '';

/** A summary's median and range; '—' for a figure an older results file doesn't have. */
const cell = (s: Summary | undefined): string => (s ? `${fmt(s.median)}${spread(s.min, s.max)}` : '—');

/** The Markdown the README shows (and the console prints): machine, targets, peers. */
export function resultsMarkdown(results: BenchResults): string {
  const m = results.machine;
  const commit = results.commit ? ` at commit ${results.commit}` : '';
  const lines = [
    `Last run ${results.date.slice(0, 10)}${commit} on ${m.cpu} (${m.cores} cores, ${fmt(m.memoryGb)} GB, ${m.os}; Node ${m.node}, Chromium ${m.chromium}; load average ${fmt(m.loadAverage)} at start), ${results.runs} runs per scenario, ${fmt(results.durationSec)} s in all. Medians, with the range over runs in brackets${results.targets.some((t) => t.judged === 'worst') ? '; a goal marked "worst run" is judged on, and shows, the worst run' : ''}.`,
    ...(machineLoaded(m)
      ? [
          '',
          `**Loaded machine:** the load average at start (${fmt(m.loadAverage)}) was above the ${m.cores} cores, so these timings include other work; re-run on a quiet machine before comparing.`,
        ]
      : []),
    ...(results.remeasured ?? []).flatMap((r) => [
      '',
      `Re-measured in a later run and merged in: ${r.scenarios.join(', ')} (${r.date.slice(0, 10)}${r.commit ? ` at commit ${r.commit}` : ''}, load average ${fmt(r.loadAverage)} at start, ${r.runs} runs).`,
    ]),
    ...Object.entries(results.failures ?? {}).flatMap(([name, message]) => [
      '',
      `**Scenario ${name} failed** (its rows are missing): ${message.split('\n')[0]}`,
    ]),
    '',
    '| Target | Goal | Measured | Met |',
    '| --- | --- | --- | --- |',
    ...results.targets.map((t) =>
      t.notMeasured
        ? `| ${t.label} | ${t.goal} | not measured (${t.notMeasured}) | — |`
        : `| ${t.label} | ${t.goal} | ${fmt(t.value)} ${t.unit}${spread(t.min, t.max)}${t.note ? `; ${t.note}` : ''} | ${t.met === null ? '—' : t.met ? 'yes' : '**no**'} |`,
    ),
  ];
  if (results.renderers.length === 0) return lines.join('\n');
  lines.push(
    '',
    'Scenario 1 side by side (the same ~100 KB answer at the same token rate). _Same cadence_: fed the same recorded events (one per 24 ms) in the same page, one update per event. _Product_: as shipped (the app: its whole path and its batching; a peer: one update per event it receives, so its rows are both). Staleness: a marker word sent → painted.',
    '',
    '| Renderer | Cadence | Main-thread CPU (ms) | Updates/s | Staleness p50 (ms) | Staleness p95 (ms) | Staleness max (ms) | Longest task (ms) | Frames > 50 ms | Update cost, last/first 10 % | Drain (ms) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.renderers.map(
      (r) =>
        `| ${r.renderer} | ${r.cadence ?? '—'} | ${cell(r.busyMs)} | ${cell(r.updatesPerSec)} | ${cell(r.staleP50Ms)} | ${cell(r.staleP95Ms)} | ${cell(r.staleMaxMs)} | ${cell(r.longestTaskMs)} | ${cell(r.framesOver50)} | ${cell(r.updateGrowth)} | ${cell(r.drainMs)} |`,
    ),
    '',
    `Main-thread CPU ratios: ${Object.entries(results.ratios)
      .map(([name, ratio]) => `${name} ${fmt(ratio)}`)
      .join(', ')}.`,
  );
  return lines.join('\n');
}

export const README_START = '<!-- bench:results:start -->';
export const README_END = '<!-- bench:results:end -->';

/** Replaces the README's results block (between the markers) with `markdown`. */
export function withResults(readme: string, markdown: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} block`);
  return `${readme.slice(0, start + README_START.length)}\n\n${markdown}\n\n${readme.slice(end)}`;
}
