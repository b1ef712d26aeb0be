import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A native modal `<dialog>` (focus trap, Esc, role dialog for free), shown while mounted:
 * the parent mounts it to open and unmounts it to close, so each opening starts fresh.
 */
export function Modal({
  title,
  testId,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog endpoint-dialog${wide ? ' endpoint-dialog--wide' : ''}`}
      data-testid={testId}
      aria-labelledby={titleId}
      onClose={onClose}
    >
      <div className="dialog__header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button--small button--ghost" onClick={onClose}>
          Close
        </button>
      </div>
      {children}
    </dialog>
  );
}
