import type { Endpoint, EndpointKind } from '../../../shared/domain';

/*
 * Filtering the endpoint list: by kind, by task and by a free-text search over the name, the
 * served model and the creator. Pure, so the rules are unit-tested.
 */

/** The list's filter; empty strings mean "any". */
export interface EndpointFilter {
  kind: EndpointKind | '';
  /** A raw task string (e.g. llm/v1/chat), or "none" for endpoints without a task. */
  task: string;
  query: string;
}

/** No filter. */
export const NO_FILTER: EndpointFilter = { kind: '', task: '', query: '' };

/** The endpoints that pass `filter`, in their original order. */
export function filterEndpoints(endpoints: readonly Endpoint[], filter: EndpointFilter): Endpoint[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  return endpoints.filter((e) => {
    if (filter.kind && e.kind !== filter.kind) return false;
    if (filter.task === 'none' ? e.task !== null : filter.task && e.task !== filter.task) return false;
    if (words.length === 0) return true;
    const haystack = [e.name, e.model, e.displayName, e.entityName, e.creator, e.task]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** The distinct tasks in `endpoints`, sorted, for the task filter ("none" when some have none). */
export function taskOptions(endpoints: readonly Endpoint[]): string[] {
  const tasks = new Set<string>();
  for (const e of endpoints) tasks.add(e.task ?? 'none');
  return [...tasks].sort();
}
