import { useNavStore } from '../../core/nav-store';
import type { CompareState } from './compare-types';

/** The part of the compare store this needs. */
type CompareStore = { getState(): CompareState };

/**
 * Puts `endpoint` into the Compare pane and shows it: into the first pane without an
 * endpoint, else a new pane, else (all panes taken) the last pane. Nothing changes when a pane
 * already has it.
 */
export function openInCompare(store: CompareStore, endpoint: string): void {
  const compare = store.getState();
  // init restores the remembered setup synchronously; run it first so it can't undo this.
  void compare.init();
  const { panes } = store.getState();
  if (!panes.some((p) => p.endpoint === endpoint)) {
    const empty = panes.find((p) => !p.endpoint);
    if (empty) compare.setPaneEndpoint(empty.id, endpoint);
    else {
      compare.addPane(endpoint);
      const after = store.getState().panes;
      const last = after[after.length - 1];
      if (!after.some((p) => p.endpoint === endpoint) && last) compare.setPaneEndpoint(last.id, endpoint);
    }
  }
  useNavStore.getState().show('compare');
}
