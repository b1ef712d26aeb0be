import {
  type ClipboardEvent,
  type DragEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import type { ImageAttachment } from '../core/db/records';
import { describeAttachment, IMAGE_ACCEPT, IMAGE_LIMITS_TEXT } from '../core/images';
import { Dialog } from './Dialog';
import '../styles/images.css';

/*
 * The pictures of a message, shared by the chat and compare composers and the chat's user
 * messages: the attach button (file picker), drag and drop and paste onto a composer, the
 * thumbnails with their sizes, and a larger view. Thumbnails are object URLs of the stored
 * bytes (the CSP's img-src allows blob: for this), revoked when they leave the screen.
 */

/** A picture on screen: its metadata and its bytes. */
export interface ShownImage {
  attachment: ImageAttachment;
  blob: Blob;
}

/** An object URL for `blob` while the component is mounted. */
function useObjectUrl(blob: Blob): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return url;
}

function Thumbnail({
  image,
  onOpen,
  onRemove,
}: {
  image: ShownImage;
  onOpen(): void;
  onRemove?: () => void;
}) {
  const url = useObjectUrl(image.blob);
  const caption = describeAttachment(image.attachment);
  return (
    <li className="image-thumb" data-testid="image-thumb" title={caption}>
      <button
        type="button"
        className="image-thumb__open"
        onClick={onOpen}
        aria-label={`Open ${image.attachment.name}`}
      >
        {url && <img src={url} alt={image.attachment.name} className="image-thumb__img" />}
      </button>
      <span className="image-thumb__caption">{caption}</span>
      {onRemove && (
        <button
          type="button"
          className="image-thumb__remove"
          aria-label={`Remove ${image.attachment.name}`}
          title="Remove"
          onClick={onRemove}
        >
          ✕
        </button>
      )}
    </li>
  );
}

function LargeView({ image, onClose }: { image: ShownImage; onClose(): void }) {
  const url = useObjectUrl(image.blob);
  return (
    <Dialog title={image.attachment.name} onClose={onClose} size="wide" testId="image-viewer">
      <figure className="image-viewer">
        {url && <img src={url} alt={image.attachment.name} className="image-viewer__img" />}
        <figcaption className="hint">{describeAttachment(image.attachment)}</figcaption>
      </figure>
    </Dialog>
  );
}

/** Thumbnails with name and sizes; a click opens one larger; ✕ removes one when `onRemove` is given. */
export function ImageThumbnails({
  images,
  onRemove,
  label = 'Attached images',
}: {
  images: readonly ShownImage[];
  onRemove?: (id: string) => void;
  label?: string;
}) {
  const [open, setOpen] = useState<ShownImage | null>(null);
  if (images.length === 0) return null;
  return (
    <>
      <ul className="image-thumbs" aria-label={label}>
        {images.map((image) => (
          <Thumbnail
            key={image.attachment.id}
            image={image}
            onOpen={() => setOpen(image)}
            onRemove={onRemove ? () => onRemove(image.attachment.id) : undefined}
          />
        ))}
      </ul>
      {open && <LargeView image={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/**
 * "Attach image": opens the file picker for PNG, JPEG, GIF or WebP. `refusal` (the endpoint
 * takes no images) is shown on the button; attaching stays possible, since the user may
 * switch endpoints before sending.
 */
export function AttachImageButton({
  onFiles,
  refusal,
  disabled,
}: {
  onFiles(files: File[]): void;
  refusal?: string | null;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  return (
    <>
      <button
        type="button"
        className="button button--small attach-button"
        disabled={disabled}
        aria-describedby={hintId}
        title={refusal ? `${refusal}\n${IMAGE_LIMITS_TEXT}` : IMAGE_LIMITS_TEXT}
        onClick={() => input.current?.click()}
      >
        Attach image
      </button>
      <span id={hintId} className="visually-hidden">
        {refusal ? `${refusal} ` : ''}
        {IMAGE_LIMITS_TEXT}
      </span>
      {/* Hidden: the button above is the keyboard- and screen-reader-friendly way to open it. */}
      <input
        ref={input}
        hidden
        type="file"
        multiple
        accept={IMAGE_ACCEPT}
        aria-label="Images to attach"
        data-testid="attach-image-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Cleared so choosing the same file again attaches it again.
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}

/** The files a drop or a paste carries (pictures or not: the attach step says what is refused). */
const filesOf = (data: DataTransfer | null): File[] => (data ? [...data.files] : []);

/**
 * A composer area that takes pictures dropped on it (with a visible drop target while one is
 * dragged over) or pasted into it. A paste without files stays an ordinary text paste.
 */
export function ImageDropZone({
  onFiles,
  disabled,
  className,
  children,
}: {
  onFiles(files: File[]): void;
  disabled?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const [over, setOver] = useState(false);
  const carriesFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');
  const onDragOver = (e: DragEvent<HTMLDivElement>) => {
    if (disabled || !carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDragLeave = (e: DragEvent<HTMLDivElement>) => {
    // Leaving for a child is not leaving the zone.
    if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
    setOver(false);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    setOver(false);
    if (disabled || !carriesFiles(e)) return;
    e.preventDefault();
    const files = filesOf(e.dataTransfer);
    if (files.length > 0) onFiles(files);
  };
  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const files = filesOf(e.clipboardData);
    if (disabled || files.length === 0) return;
    e.preventDefault();
    onFiles(files);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: drop and paste are extras; the Attach image button is the accessible way.
    <div
      className={`image-drop${over ? ' image-drop--over' : ''}${className ? ` ${className}` : ''}`}
      data-testid="image-drop"
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      onPaste={onPaste}
    >
      {children}
      {over && (
        <div className="image-drop__target" aria-hidden="true">
          Drop images to attach them
        </div>
      )}
    </div>
  );
}

/** What the composer shows about pictures: why some were not attached. */
export function AttachError({ message, onDismiss }: { message: string | null; onDismiss(): void }) {
  if (!message) return null;
  return (
    <p className="alert alert--inline composer__problem" role="alert" data-testid="attach-error">
      {message}{' '}
      <button type="button" className="button button--small button--ghost" onClick={onDismiss}>
        Dismiss
      </button>
    </p>
  );
}
