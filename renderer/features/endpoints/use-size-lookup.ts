import { useEffect, useState } from 'react';
import type { OptimizationInfo } from '../../../shared/domain';
import { formatError } from '../../core/format';
import { useLifecycleStore } from './lifecycle-store';

/** Where a model's optimization-info lookup is. */
export type SizeLookup =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; info: OptimizationInfo }
  | { status: 'error'; message: string };

/**
 * Looks up how `entityName` version `entityVersion` can be provisioned, a moment after the
 * user stops typing (so each keystroke is not a request); a newer lookup wins.
 */
export function useSizeLookup(entityName: string, entityVersion: string): SizeLookup {
  const lookup = useLifecycleStore((s) => s.optimizationInfo);
  const [state, setState] = useState<SizeLookup>({ status: 'idle' });

  useEffect(() => {
    const name = entityName.trim();
    const version = entityVersion.trim();
    if (!name || !version) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState({ status: 'loading' });
    const timer = setTimeout(() => {
      void lookup(name, version).then((result) => {
        if (!current) return;
        setState(
          result.ok
            ? { status: 'ready', info: result.value }
            : { status: 'error', message: formatError(result.error) },
        );
      });
    }, 350);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [entityName, entityVersion, lookup]);

  return state;
}
