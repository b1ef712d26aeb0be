import { PANE_LABELS, PANES, useNavStore } from '../core/nav-store';

/** The left navigation: one button per pane, the current one marked for assistive tech. */
export function Navigation() {
  const pane = useNavStore((s) => s.pane);
  const show = useNavStore((s) => s.show);
  return (
    <nav className="nav" aria-label="Main">
      <ul>
        {PANES.map((p) => (
          <li key={p}>
            <button
              type="button"
              className="nav__item"
              aria-current={p === pane ? 'page' : undefined}
              onClick={() => show(p)}
            >
              {PANE_LABELS[p]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
