/*
 * "Use it": one click from an endpoint row to a view that works with it. The endpoints
 * feature asks for it here; the views that can take an endpoint register how they do (chat
 * and compare, from their own stores), so no feature imports another's store.
 */

/** The views an endpoint can be opened in. */
export type EndpointTarget = 'chat' | 'compare';

const openers = new Map<EndpointTarget, (endpoint: string) => void>();

/** Registers how `target` opens an endpoint; returns an unregister function. */
export function registerEndpointOpener(target: EndpointTarget, open: (endpoint: string) => void): () => void {
  openers.set(target, open);
  return () => {
    if (openers.get(target) === open) openers.delete(target);
  };
}

/** Opens `endpoint` in `target`; false when no view registered for it. */
export function openEndpointIn(target: EndpointTarget, endpoint: string): boolean {
  const open = openers.get(target);
  if (!open) return false;
  open(endpoint);
  return true;
}
