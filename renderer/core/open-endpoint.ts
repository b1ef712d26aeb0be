import type { GenerationParams } from '../../shared/domain';

/*
 * "Use it": one click from an endpoint row to a view that works with it. The endpoints
 * feature asks for it here; the views that can take an endpoint register how they do (chat
 * and compare, from their own stores), so no feature imports another's store. Evaluate opens
 * one row in chat the same way, with the row's prompt as a seed.
 */

/** The views an endpoint can be opened in. */
export type EndpointTarget = 'chat' | 'compare';

/** What a new conversation starts with besides the endpoint (a row of an evaluation). */
export interface EndpointSeed {
  systemPrompt: string;
  /** Put in the composer, not sent. */
  draft: string;
  params: GenerationParams;
}

type Opener = (endpoint: string, seed?: EndpointSeed) => void;

const openers = new Map<EndpointTarget, Opener>();

/** Registers how `target` opens an endpoint; returns an unregister function. */
export function registerEndpointOpener(target: EndpointTarget, open: Opener): () => void {
  openers.set(target, open);
  return () => {
    if (openers.get(target) === open) openers.delete(target);
  };
}

const loaders = new Map<EndpointTarget, () => Promise<unknown>>();

/**
 * Says how to load the module that registers `target`'s opener, for a view whose code is
 * loaded on first use (the shell splits panes into chunks): opening an endpoint there loads
 * it first.
 */
export function registerEndpointOpenerLoader(target: EndpointTarget, load: () => Promise<unknown>): void {
  loaders.set(target, load);
}

/**
 * Opens `endpoint` in `target` (with `seed` when given): at once when the view's opener is
 * registered, else once its module has loaded. False when no view registered for it.
 */
export function openEndpointIn(target: EndpointTarget, endpoint: string, seed?: EndpointSeed): boolean {
  const open = openers.get(target);
  if (open) {
    open(endpoint, seed);
    return true;
  }
  const load = loaders.get(target);
  if (!load) return false;
  void load().then(
    () => openers.get(target)?.(endpoint, seed),
    (error: unknown) => console.error(`Serving Studio: could not load the ${target} view:`, error),
  );
  return true;
}
