/** Props of {@link SendStopButton}. */
export interface SendStopButtonProps {
  /** While true the button stops instead of sending. */
  streaming: boolean;
  canSend: boolean;
  onSend(): void;
  onStop(): void;
  /** Shown as the Send button's tooltip: why it is disabled, or its shortcut. */
  sendTitle?: string;
  sendLabel?: string;
  stopLabel?: string;
  stopTitle?: string;
}

/**
 * The one Send/Stop control of every generating view: Send (disabled with the reason as its
 * tooltip) becomes Stop while an answer streams, in the same place, so the pointer that sent
 * can stop.
 */
export function SendStopButton({
  streaming,
  canSend,
  onSend,
  onStop,
  sendTitle,
  sendLabel = 'Send',
  stopLabel = 'Stop',
  stopTitle = 'Stop (Esc)',
}: SendStopButtonProps) {
  if (streaming)
    return (
      <button type="button" className="button button--danger" onClick={onStop} title={stopTitle}>
        {stopLabel}
      </button>
    );
  return (
    <button
      type="button"
      className="button button--primary"
      disabled={!canSend}
      title={sendTitle}
      onClick={onSend}
    >
      {sendLabel}
    </button>
  );
}
