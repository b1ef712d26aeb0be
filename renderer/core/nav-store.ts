import { create } from 'zustand';
import { readPreference, writePreference } from './preferences';

/** The panes of the app, in navigation order. */
export const PANES = [
  'chat',
  'completion',
  'embeddings',
  'compare',
  'evaluate',
  'endpoints',
  'settings',
] as const;
export type Pane = (typeof PANES)[number];

/** The navigation labels (also the buttons' accessible names). */
export const PANE_LABELS: Record<Pane, string> = {
  chat: 'Chat',
  completion: 'Completion',
  embeddings: 'Embeddings',
  compare: 'Compare',
  evaluate: 'Evaluate',
  endpoints: 'Endpoints',
  settings: 'Settings',
};

const PANE_PREFERENCE = 'nav.pane';

function initialPane(): Pane {
  const saved = readPreference(PANE_PREFERENCE);
  return (PANES as readonly string[]).includes(saved ?? '') ? (saved as Pane) : 'chat';
}

/** Which pane is shown. */
export interface NavState {
  pane: Pane;
  show(pane: Pane): void;
}

/** The app's navigation store; the last pane is remembered as a preference. */
export const useNavStore = create<NavState>()((set) => ({
  pane: initialPane(),
  show(pane) {
    writePreference(PANE_PREFERENCE, pane);
    set({ pane });
  },
}));
