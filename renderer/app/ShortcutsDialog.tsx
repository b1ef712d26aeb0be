import { Dialog } from '../components/Dialog';
import { comboKeys, detectMac, SHORTCUTS } from './shortcuts';

function Keys({ combo, isMac }: { combo: string; isMac: boolean }) {
  return (
    <span className="keys">
      {comboKeys(combo, isMac).map((key) => (
        <kbd key={key}>{key}</kbd>
      ))}
    </span>
  );
}

/**
 * The keyboard shortcuts, listed from the one table in shortcuts.ts with this platform's key
 * names, in the app's one modal.
 */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const isMac = detectMac();
  return (
    <Dialog
      open={open}
      title="Keyboard shortcuts"
      onClose={onClose}
      testId="shortcuts-dialog"
      className="shortcuts-dialog"
    >
      <table className="shortcuts-table">
        <thead>
          <tr>
            <th scope="col" className="shortcuts-table__cell shortcuts-table__head">
              Keys
            </th>
            <th scope="col" className="shortcuts-table__cell shortcuts-table__head">
              Action
            </th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.combo} data-testid="shortcut-row">
              <td className="shortcuts-table__cell">
                <Keys combo={shortcut.combo} isMac={isMac} />
              </td>
              <td className="shortcuts-table__cell">
                {shortcut.description}
                {shortcut.note && <span className="hint">{shortcut.note}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
