import { type KeyboardEvent, memo, useEffect, useState } from 'react';
import { ImageThumbnails, type ShownImage } from '../../components/ImageAttachments';
import type { ImageAttachment } from '../../core/db/records';
import { BranchSwitcher } from './BranchSwitcher';
import { useChatStore } from './chat-store';
import { CopyDelete } from './MessageActions';

function Editor({ id, initial, onDone }: { id: string; initial: string; onDone(): void }) {
  const [text, setText] = useState(initial);
  const resend = useChatStore((s) => s.editAndResend);
  const busy = useChatStore((s) => s.activeId !== null);
  const submit = () => {
    if (busy || text.trim() === '') return;
    onDone();
    void resend(id, text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onDone();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };
  return (
    <div className="message__editor">
      <textarea
        aria-label="Edited text"
        className="message__edit-input"
        value={text}
        rows={Math.min(12, Math.max(2, text.split('\n').length))}
        // biome-ignore lint/a11y/noAutofocus: the editor opens on the user's request and is where they type next.
        autoFocus
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="message__actions">
        <button
          type="button"
          className="button button--small button--primary"
          disabled={busy}
          onClick={submit}
        >
          Save and send
        </button>
        <button type="button" className="button button--small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** The message's pictures, read from storage once they are on screen. */
function MessageImages({ attachments }: { attachments: readonly ImageAttachment[] }) {
  const loadImages = useChatStore((s) => s.loadImages);
  const [shown, setShown] = useState<ShownImage[]>([]);
  useEffect(() => {
    let live = true;
    void loadImages(attachments.map((a) => a.id)).then((rows) => {
      if (!live) return;
      const blobs = new Map(rows.map((r) => [r.id, r.blob]));
      setShown(
        attachments.flatMap((attachment) => {
          const blob = blobs.get(attachment.id);
          return blob ? [{ attachment, blob }] : [];
        }),
      );
    });
    return () => {
      live = false;
    };
  }, [attachments, loadImages]);
  const missing = attachments.length - shown.length;
  return (
    <>
      <ImageThumbnails images={shown} label="Images sent" />
      {missing > 0 && shown.length > 0 && (
        <p className="hint">
          {missing} {missing === 1 ? 'image is' : 'images are'} missing from this app's storage.
        </p>
      )}
    </>
  );
}

/** A message the user wrote: edit-and-resend makes a sibling (a branch), never an overwrite. */
export const UserMessage = memo(function UserMessage({ id }: { id: string }) {
  const message = useChatStore((s) => s.messages[id]);
  const highlighted = useChatStore((s) => s.highlightId === id);
  const [editing, setEditing] = useState(false);
  if (!message) return null;
  return (
    <article
      className={`message message--user${highlighted ? ' message--highlighted' : ''}`}
      data-testid="user-message"
      data-highlighted={highlighted ? 'true' : undefined}
    >
      {message.attachments?.length ? <MessageImages attachments={message.attachments} /> : null}
      {editing ? (
        <Editor id={id} initial={message.content} onDone={() => setEditing(false)} />
      ) : (
        <p className="message__text">{message.content}</p>
      )}
      {!editing && (
        <footer className="message__actions">
          <BranchSwitcher id={id} />
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
          <CopyDelete id={id} />
        </footer>
      )}
    </article>
  );
});
