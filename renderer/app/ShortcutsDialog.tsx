import { useEffect, useRef } from 'react';
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
 * names. A native modal `<dialog>`: it traps focus, Esc closes it, and it has role dialog.
 */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const isMac = detectMac();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog shortcuts-dialog"
      data-testid="shortcuts-dialog"
      aria-labelledby="shortcuts-dialog-title"
      onClose={onClose}
    >
      <div className="dialog__header">
        <h2 id="shortcuts-dialog-title">Keyboard shortcuts</h2>
        <button type="button" className="button button--small button--ghost" onClick={onClose}>
          Close
        </button>
      </div>
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
    </dialog>
  );
}
