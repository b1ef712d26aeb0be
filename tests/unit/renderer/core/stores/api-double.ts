import type { StudioApi } from '../../../../../shared/contract';
import type { WorkspaceSummary } from '../../../../../shared/domain';

/** A StudioApi double: only the methods a test gives exist; any other call fails the test. */
export function apiDouble(
  methods: Partial<Record<keyof StudioApi, (...args: never[]) => unknown>>,
): () => StudioApi {
  const api = new Proxy(methods, {
    get(target, key: string) {
      const method = target[key as keyof StudioApi];
      if (!method) throw new Error(`unexpected bridge call ${key}`);
      return method;
    },
  }) as unknown as StudioApi;
  return () => api;
}

/** A workspace summary with sensible defaults. */
export const summary = (id: string, extra: Partial<WorkspaceSummary> = {}): WorkspaceSummary => ({
  id,
  name: id,
  host: `https://${id}.example.com`,
  authKind: 'pat',
  createdAt: 1,
  isDemo: false,
  hasSecret: true,
  ...extra,
});
