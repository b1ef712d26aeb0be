import { type ReactNode, useEffect, useId, useRef } from 'react';

/** Props of a modal dialog. */
export interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Extra class for sizing. */
  className?: string;
}

/**
 * A modal built on the native <dialog>: showModal() makes the rest of the page inert (so
 * focus stays inside), Esc closes it (the `cancel` event), and the browser returns focus to
 * the element that opened it. A library would add nothing here.
 * A backdrop click does not close it: a stray click should not lose a half-read request.
 */
export function Dialog({ open, title, onClose, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`params-dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        // Close through React state so the two never disagree.
        e.preventDefault();
        onClose();
      }}
    >
      <div className="params-dialog__box">
        <header className="params-dialog__header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="button button--ghost button--small" onClick={onClose}>
            Close
          </button>
        </header>
        {open && children}
      </div>
    </dialog>
  );
}
