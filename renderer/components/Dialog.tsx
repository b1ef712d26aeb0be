import { type ReactNode, useEffect, useId, useRef } from 'react';

/** Props of a modal dialog. */
export interface DialogProps {
  /** Shown while true. Omit it to show the dialog while it is mounted (mount to open). */
  open?: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Width: `wide` for code, tables and details; the default suits a short form. */
  size?: 'normal' | 'wide';
  /** Extra class (for the contents' layout). */
  className?: string;
  testId?: string;
}

/**
 * The app's one modal, built on the native <dialog>: showModal() makes the rest of the page
 * inert (so focus stays inside), Esc closes it (the `cancel` event), and the browser returns
 * focus to the element that opened it. A library would add nothing here.
 * A backdrop click does not close it: a stray click should not lose a half-filled form.
 * Children render only while open, so each opening starts fresh.
 */
export function Dialog({
  open = true,
  title,
  onClose,
  children,
  size = 'normal',
  className,
  testId,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // Closed when unmounted while open (mount-to-open use), so the page is never left inert.
  useEffect(() => () => ref.current?.close(), []);

  const classes = ['dialog', size === 'wide' ? 'dialog--wide' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <dialog
      ref={ref}
      className={classes}
      data-testid={testId}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        // Close through React state so the two never disagree.
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog__header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button--small button--ghost" onClick={onClose}>
          Close
        </button>
      </div>
      {open && children}
    </dialog>
  );
}
