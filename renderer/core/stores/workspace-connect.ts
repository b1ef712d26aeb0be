import type { RequestOf, StudioApi } from '../../../shared/contract';
import type { WorkspaceSummary } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import type {
  ConnectInput,
  DuplicateChoice,
  OpenAiInput,
  PendingDuplicate,
  ServicePrincipalInput,
  SetWorkspaceState,
  WorkspaceState,
} from './workspace-types';

/*
 * The connect actions, all "one real check, then current". Connecting a host and identity that
 * is already here first asks what to do (update that workspace, add another, or cancel): the
 * secret typed into the form waits for the answer in this function's closure only, never in
 * the store's state, and goes to the bridge (or is dropped) as soon as the user chooses.
 */

/** Puts `summary` in the list, replacing one with the same id (order kept). */
export function upsert(list: WorkspaceSummary[], summary: WorkspaceSummary): WorkspaceSummary[] {
  const at = list.findIndex((w) => w.id === summary.id);
  if (at < 0) return [...list, summary];
  return list.map((w, i) => (i === at ? summary : w));
}

/** How one connect goes: the identity to look for, and the two ways to save. */
interface ConnectPlan {
  find: RequestOf<'findExistingWorkspace'>;
  canAdd: boolean;
  /** Replaces the existing workspace's credential (in place). */
  update(id: string): Promise<Result<WorkspaceSummary>>;
  /** Connects a new workspace. */
  connect(): Promise<Result<WorkspaceSummary>>;
}

/** The connect actions over `api` (kept apart from the store so each stays small). */
export function connectActions(api: () => StudioApi, set: SetWorkspaceState, get: () => WorkspaceState) {
  const makeCurrent = (summary: WorkspaceSummary) =>
    set((s) => ({ currentId: summary.id, workspaces: upsert(s.workspaces, summary), loadError: null }));

  let answer: ((choice: DuplicateChoice) => void) | null = null;
  const ask = (pending: PendingDuplicate) =>
    new Promise<DuplicateChoice>((done) => {
      answer = done;
      set({ duplicate: pending, checking: false });
    }).finally(() => {
      answer = null;
      set({ duplicate: null });
    });

  /** Update in place, then make it current through the bridge (so the choice is remembered). */
  const updateThenSelect = async (update: Promise<Result<WorkspaceSummary>>) => {
    const updated = await update;
    return updated.ok ? api().selectWorkspace({ id: updated.value.id }) : updated;
  };

  /** One connect at a time (a double submit can't connect twice); null from `call` = cancelled. */
  const run = async (call: () => Promise<Result<WorkspaceSummary> | null>): Promise<boolean> => {
    if (get().checking || get().duplicate) return false;
    set({ checking: true, connectError: null });
    const result = await call();
    set({ checking: false });
    if (result === null) return false;
    if (!result.ok) {
      set({ connectError: result.error });
      return false;
    }
    makeCurrent(result.value);
    return true;
  };

  /** Asks the privileged side whether this identity is here; if so, asks the user. */
  const guarded = (plan: ConnectPlan) =>
    run(async () => {
      const found = await api().findExistingWorkspace(plan.find);
      if (!found.ok) return found;
      const { existing } = found.value;
      if (!existing) return plan.connect();
      const choice = await ask({ existing, canAdd: plan.canAdd });
      set({ checking: choice !== 'cancel' });
      if (choice === 'update') return updateThenSelect(plan.update(existing.id));
      return choice === 'add' ? plan.connect() : null;
    });

  return {
    makeCurrent,
    connect: (input: ConnectInput) =>
      guarded({
        find: { authKind: 'pat', host: input.host },
        canAdd: true,
        update: (id) => api().updateWorkspace({ id, credential: { kind: 'pat', token: input.token } }),
        connect: () => api().connectWorkspace(input),
      }),
    connectServicePrincipal: (input: ServicePrincipalInput) =>
      guarded({
        find: { authKind: 'service-principal', host: input.host, clientId: input.clientId },
        // The same principal on the same host is one identity: "adding" it would update it anyway.
        canAdd: false,
        update: (id) =>
          api().updateWorkspace({
            id,
            credential: { kind: 'service-principal', clientSecret: input.clientSecret },
          }),
        connect: () => api().connectServicePrincipal(input),
      }),
    connectOpenAi: ({ apiKey, ...rest }: OpenAiInput) => {
      // An empty key means "none": the server may be open (a local vLLM or Ollama).
      const key = apiKey?.trim() ? apiKey : undefined;
      return guarded({
        find: { authKind: 'openai', host: rest.baseUrl },
        canAdd: true,
        update: (id) => api().updateWorkspace({ id, credential: { kind: 'openai', apiKey: key ?? '' } }),
        connect: () => api().connectOpenAiProvider(key ? { ...rest, apiKey: key } : rest),
      });
    },
    resolveDuplicate(choice: DuplicateChoice) {
      answer?.(choice);
    },
  };
}
