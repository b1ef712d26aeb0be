import { useEffect, useMemo } from 'react';
import type { Endpoint } from '../../../shared/domain';
import { describeError, type StudioError } from '../../../shared/errors';
import { usableFor } from '../../../shared/tasks';
import { type EndpointsStatus, useEndpointsStore } from './endpoints-store';
import { useWorkspaceStore } from './workspace-store';

/** A chosen endpoint the pane can't use: gone from the workspace, or refused as not found. */
export interface MissingEndpoint {
  name: string;
  /** Why, in the server's own words first when it gave any. */
  reason: string;
  /** The server's answer about it, when there was one. */
  error: StudioError | null;
}

/** What a pane's endpoint choice amounts to, given the workspace's list. */
export interface EndpointChoice {
  /** The chosen endpoint as listed (also when the server since said it is gone). */
  selected: Endpoint | undefined;
  /** Set when the choice can't be used; the picker shows it as "<name> (missing)". */
  missing: MissingEndpoint | null;
  /** The endpoint to take when nothing was chosen yet; null otherwise. */
  autoPick: string | null;
}

const PANE_WORDS = { chat: 'chat', completions: 'completions' } as const;

/**
 * Decides the choice (pure, for the hook and its tests). Nothing chosen yet: the first ready
 * endpoint (else the first) is picked for the user. Something chosen that the list lacks, or
 * that the server said is gone: it stays chosen and is reported missing — never silently
 * replaced by another model, whose answers the user would take for this one's.
 */
export function endpointChoice(
  pane: 'chat' | 'completions',
  usable: readonly Endpoint[],
  endpoint: string | null,
  status: EndpointsStatus,
  gone: Readonly<Record<string, StudioError>>,
): EndpointChoice {
  const selected = endpoint === null ? undefined : usable.find((e) => e.name === endpoint);
  if (status !== 'ready') return { selected, missing: null, autoPick: null };
  if (endpoint === null) {
    const first = usable.find((e) => e.ready === 'READY') ?? usable[0];
    return { selected, missing: null, autoPick: first?.name ?? null };
  }
  const error = gone[endpoint] ?? null;
  if (error)
    return { selected, missing: { name: endpoint, reason: describeError(error), error }, autoPick: null };
  if (selected) return { selected, missing: null, autoPick: null };
  const reason = `${endpoint} is not among this workspace's ${PANE_WORDS[pane]} endpoints: it may have been deleted, renamed or retired. Pick another endpoint.`;
  return { selected, missing: { name: endpoint, reason, error: null }, autoPick: null };
}

/** Whether `endpoint` is missing for `pane` right now (for store actions, outside React). */
export function missingEndpoint(pane: 'chat' | 'completions', endpoint: string): MissingEndpoint | null {
  const s = useEndpointsStore.getState();
  const usable = s.endpoints.filter((e) => usableFor(e, pane));
  return endpointChoice(pane, usable, endpoint, s.status, s.gone).missing;
}

/** The current workspace's endpoints a pane can use (shared/tasks.ts) and what `endpoint` amounts to. */
export function useEndpointChoice(pane: 'chat' | 'completions', endpoint: string | null) {
  const all = useEndpointsStore((s) => s.endpoints);
  const status = useEndpointsStore((s) => s.status);
  const gone = useEndpointsStore((s) => s.gone);
  const usable = useMemo(() => all.filter((e) => usableFor(e, pane)), [all, pane]);
  const choice = useMemo(
    () => endpointChoice(pane, usable, endpoint, status, gone),
    [pane, usable, endpoint, status, gone],
  );
  return { usable, status, ...choice };
}

/**
 * The pane's endpoint choice (see `endpointChoice`), with the list loaded on workspace change,
 * an endpoint picked when none was chosen yet, and the server asked once why a remembered one
 * is missing (its 404 in its own words).
 */
export function useUsableEndpoints(
  pane: 'chat' | 'completions',
  endpoint: string | null,
  setEndpoint: (name: string) => void,
) {
  const workspaceId = useWorkspaceStore((s) => s.currentId);
  const error = useEndpointsStore((s) => s.error);
  const load = useEndpointsStore((s) => s.load);
  const explainMissing = useEndpointsStore((s) => s.explainMissing);
  const choice = useEndpointChoice(pane, endpoint);
  const { autoPick, missing } = choice;

  useEffect(() => {
    if (workspaceId) void load(workspaceId);
  }, [workspaceId, load]);

  useEffect(() => {
    if (autoPick) setEndpoint(autoPick);
  }, [autoPick, setEndpoint]);

  useEffect(() => {
    if (missing && !missing.error) void explainMissing(missing.name);
  }, [missing, explainMissing]);

  return { ...choice, error };
}

/** The current workspace's chat-task endpoints (loads the list once per workspace): compare and evaluate. */
export function useChatEndpoints(): { endpoints: Endpoint[]; status: string } {
  const workspaceId = useWorkspaceStore((s) => s.currentId);
  const all = useEndpointsStore((s) => s.endpoints);
  const status = useEndpointsStore((s) => s.status);
  const load = useEndpointsStore((s) => s.load);
  useEffect(() => {
    if (workspaceId) void load(workspaceId);
  }, [workspaceId, load]);
  const endpoints = useMemo(() => all.filter((e) => usableFor(e, 'chat')), [all]);
  return { endpoints, status };
}
