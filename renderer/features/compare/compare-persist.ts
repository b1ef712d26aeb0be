import type { GenerationParams } from '../../../shared/domain';
import type { ComparePaneSetup, CompareSetupRecord, ComparisonRecord } from '../../core/db/records';
import { answerFor, anyStreaming, blindLabel, displayOrder, type PaneState } from './compare-model';
import type { CompareContext, CompareState } from './compare-types';

/*
 * What a comparison keeps: the last setup as a preference (so a reload shows the same
 * panes), named setups, whole comparisons after each turn, and blind votes.
 */

const SETUP_PREFERENCE = 'compare.setup';
/** The comparison on screen, once it has a turn: a reload reopens it with its answers. */
const CURRENT_PREFERENCE = 'compare.current';

/** The comparison a reload should reopen (null: start from the remembered setup). */
export const recalledComparisonId = (ctx: CompareContext): string | null =>
  ctx.deps.readPreference(CURRENT_PREFERENCE);

/** Remembers (or, with null, forgets) the comparison a reload reopens. */
export function rememberComparison(ctx: CompareContext, id: string | null): void {
  ctx.deps.writePreference(CURRENT_PREFERENCE, id);
}

/** The part of the state a setup holds. */
export interface SetupSnapshot {
  systemPrompt: string;
  sharedParams: GenerationParams;
  panes: ComparePaneSetup[];
  blind: boolean;
}

const setupOf = (p: PaneState): ComparePaneSetup => ({
  id: p.id,
  endpoint: p.endpoint,
  inheritParams: p.inheritParams,
  params: p.params,
});

/** The current setup (no outputs). */
export const snapshot = (s: CompareState): SetupSnapshot => ({
  systemPrompt: s.systemPrompt,
  sharedParams: s.sharedParams,
  panes: s.panes.map(setupOf),
  blind: s.blind,
});

/**
 * The setup's preference. Before the app had one preferences module this key was written
 * without the app's prefix; such a value is still read (and rewritten under the prefix on
 * the next change), so an upgrade keeps the user's panes.
 */
function readSetupPref(ctx: CompareContext): string | null {
  const value = ctx.deps.readPreference(SETUP_PREFERENCE);
  if (value !== null) return value;
  try {
    return globalThis.localStorage?.getItem(SETUP_PREFERENCE) ?? null;
  } catch {
    return null;
  }
}

/** Remembers the setup so the next launch starts with it. */
export function rememberSetup(ctx: CompareContext): void {
  ctx.deps.writePreference(SETUP_PREFERENCE, JSON.stringify(snapshot(ctx.get())));
}

/** The remembered setup, or null when none (or it is unreadable). */
export function recalledSetup(ctx: CompareContext): SetupSnapshot | null {
  const raw = readSetupPref(ctx);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as SetupSnapshot;
    if (!Array.isArray(parsed.panes) || parsed.panes.length < 2) return null;
    return {
      systemPrompt: typeof parsed.systemPrompt === 'string' ? parsed.systemPrompt : '',
      sharedParams: parsed.sharedParams ?? {},
      panes: parsed.panes.slice(0, 6),
      blind: parsed.blind === true,
    };
  } catch {
    return null;
  }
}

/** Runs `run`; a failure becomes the store's error and `undefined`. */
async function attempt<T>(
  ctx: CompareContext,
  what: string,
  run: () => Promise<T>,
): Promise<{ value: T } | undefined> {
  try {
    return { value: await run() };
  } catch (cause) {
    ctx.set({ error: `Could not ${what}: ${cause instanceof Error ? cause.message : String(cause)}` });
    return undefined;
  }
}

/** Reloads the lists of setups, comparisons and votes. */
export async function refreshLists(ctx: CompareContext): Promise<boolean> {
  const repos = ctx.deps.repos();
  const done = await attempt(ctx, 'load saved comparisons', async () => {
    const [setups, comparisons, votes] = await Promise.all([
      repos.setups.list(),
      repos.comparisons.list(),
      repos.votes.list(),
    ]);
    ctx.set({ setups, comparisons, votes });
  });
  return done !== undefined;
}

/** The comparison on screen as a record. */
export function comparisonRecord(ctx: CompareContext): ComparisonRecord {
  const s = ctx.get();
  return {
    id: s.comparisonId,
    title: s.title || 'Comparison',
    createdAt: s.createdAt,
    updatedAt: ctx.now(),
    workspaceId: ctx.deps.workspaceId(),
    systemPrompt: s.systemPrompt,
    sharedParams: s.sharedParams,
    panes: s.panes.map((p) => ({ ...setupOf(p), answers: p.answers })),
    turns: s.turns,
    blind: s.blind,
  };
}

/** Saves the whole comparison (after each turn). */
export async function saveComparison(ctx: CompareContext): Promise<void> {
  if (ctx.get().turns.length === 0) return;
  const record = comparisonRecord(ctx);
  const ok = await attempt(ctx, 'save the comparison', () => ctx.deps.repos().comparisons.put(record));
  if (!ok) return;
  rememberComparison(ctx, record.id);
  await refreshLists(ctx);
}

/** Saves the current setup under `name` (replacing a setup of the same name). */
export async function saveSetup(ctx: CompareContext, name: string): Promise<void> {
  const trimmed = name.trim();
  if (trimmed === '') return;
  const s = ctx.get();
  const existing = s.setups.find((x) => x.name === trimmed);
  const { blind: _blind, ...setup } = snapshot(s);
  const record: CompareSetupRecord = {
    ...setup,
    id: existing?.id ?? ctx.newId(),
    name: trimmed,
    createdAt: existing?.createdAt ?? ctx.now(),
    updatedAt: ctx.now(),
  };
  if (await attempt(ctx, 'save the setup', () => ctx.deps.repos().setups.put(record)))
    await refreshLists(ctx);
}

/** A fresh comparison (no turns) on the given setup. */
export function freshComparison(
  ctx: CompareContext,
  setup: Omit<SetupSnapshot, 'blind'>,
): Partial<CompareState> {
  return {
    comparisonId: ctx.newId(),
    title: '',
    createdAt: ctx.now(),
    systemPrompt: setup.systemPrompt,
    sharedParams: setup.sharedParams,
    // New pane ids: a loaded setup may be loaded twice, its panes must not share ids.
    panes: setup.panes.map((p) => ({ ...p, id: ctx.newId(), answers: [] })),
    turns: [],
    order: [],
    notices: {},
  };
}

/** Loads a named setup as a new comparison. */
export async function loadSetup(ctx: CompareContext, id: string): Promise<void> {
  if (anyStreaming(ctx.get().panes)) return;
  const found = await attempt(ctx, 'load the setup', () => ctx.deps.repos().setups.get(id));
  if (!found?.value) return;
  ctx.set(freshComparison(ctx, found.value));
  rememberSetup(ctx);
  rememberComparison(ctx, null);
}

/**
 * Reopens a saved comparison with its outputs and metrics. Resolves false when it is gone
 * (deleted, or another workspace's data was cleared).
 */
export async function openComparison(ctx: CompareContext, id: string): Promise<boolean> {
  if (anyStreaming(ctx.get().panes)) return false;
  const found = await attempt(ctx, 'open the comparison', () => ctx.deps.repos().comparisons.get(id));
  if (!found?.value) return false;
  const r = found.value;
  ctx.set({
    comparisonId: r.id,
    title: r.title,
    createdAt: r.createdAt,
    systemPrompt: r.systemPrompt,
    sharedParams: r.sharedParams,
    panes: r.panes.map((p) => ({ ...p, answers: [...p.answers] })),
    turns: [...r.turns],
    blind: r.blind,
    order: r.panes.map((p) => p.id),
    notices: {},
    draft: '',
    synthetic: ctx.deps.isDemoWorkspace() && r.workspaceId === ctx.deps.workspaceId(),
  });
  rememberSetup(ctx);
  rememberComparison(ctx, r.id);
  return true;
}

/** Whether the last turn of the comparison already has a vote. */
export const lastTurnVoted = (s: CompareState): boolean =>
  s.votes.some((v) => v.comparisonId === s.comparisonId && v.turn === s.turns.length - 1);

/**
 * Blind mode: records a vote on the last turn. `paneId` is the winning pane, null a tie.
 * The endpoints that took part are the panes that answered the turn.
 */
export async function vote(ctx: CompareContext, paneId: string | null): Promise<void> {
  const s = ctx.get();
  const turn = s.turns.length - 1;
  if (!s.blind || turn < 0 || anyStreaming(s.panes) || lastTurnVoted(s)) return;
  const shown = displayOrder(s.panes, s.blind, s.order).filter((p) => answerFor(p, turn) && p.endpoint);
  const endpoints = shown.map((p) => p.endpoint as string);
  const winner = paneId === null ? null : (shown.find((p) => p.id === paneId)?.endpoint ?? undefined);
  if (winner === undefined || endpoints.length < 2) return;
  const add = () =>
    ctx.deps
      .repos()
      .votes.add({ comparisonId: s.comparisonId, turn, at: ctx.now(), endpoints, winner })
      .then((v) => ctx.set((x) => ({ votes: [...x.votes, v] })));
  if (await attempt(ctx, 'store the vote', add)) await saveComparison(ctx);
}

/** The label a pane is shown with in blind mode (A, B…), by its display position. */
export function labelOf(s: CompareState, paneId: string): string {
  const index = displayOrder(s.panes, s.blind, s.order).findIndex((p) => p.id === paneId);
  return blindLabel(Math.max(0, index));
}

/**
 * Blind mode hides the endpoints from the first send until the vote on the last turn. Before
 * the first send the panes are still being set up (and the shuffle happens at send).
 */
export const namesHidden = (s: CompareState): boolean => s.blind && s.turns.length > 0 && !lastTurnVoted(s);
