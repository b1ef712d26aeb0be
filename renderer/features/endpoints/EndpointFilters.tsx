import { useId } from 'react';
import { type EndpointKind, endpointKindSchema } from '../../../shared/domain';
import type { EndpointFilter } from './endpoint-filter';
import { KIND_LABELS } from './endpoint-format';

/** Kind and task filters and a search box over the endpoint list. */
export function EndpointFilters({
  filter,
  tasks,
  shown,
  total,
  onChange,
}: {
  filter: EndpointFilter;
  tasks: string[];
  shown: number;
  total: number;
  onChange(filter: EndpointFilter): void;
}) {
  const kindId = useId();
  const taskId = useId();
  const searchId = useId();
  return (
    <div className="row endpoint-filters">
      <label htmlFor={searchId} className="visually-hidden">
        Search endpoints
      </label>
      <input
        id={searchId}
        type="search"
        placeholder="Search name, model, creator…"
        value={filter.query}
        onChange={(e) => onChange({ ...filter, query: e.target.value })}
      />
      <label htmlFor={kindId}>Kind</label>
      <select
        id={kindId}
        value={filter.kind}
        onChange={(e) => onChange({ ...filter, kind: e.target.value as EndpointKind | '' })}
      >
        <option value="">any</option>
        {endpointKindSchema.options.map((k) => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </select>
      <label htmlFor={taskId}>Task</label>
      <select id={taskId} value={filter.task} onChange={(e) => onChange({ ...filter, task: e.target.value })}>
        <option value="">any</option>
        {tasks.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <span className="muted" role="status">
        {shown === total ? `${total} endpoints` : `${shown} of ${total} endpoints`}
      </span>
    </div>
  );
}
