import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { ConversationRecord } from '../../../core/db/records';
import { useConversationsStore } from './conversations-store';
import { relativeTime } from './relative-time';

interface ItemProps {
  conversation: ConversationRecord;
  isOpen: boolean;
  now: number;
  onOpen(id: string): void;
  /** True when another conversation has the same title: the exact time then tells them apart. */
  sharedTitle?: boolean;
}

const exactTime = (at: number) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The title being edited in place: Enter saves, Esc cancels, leaving the field saves. */
function RenameField({ initial, onDone }: { initial: string; onDone(title: string | null): void }) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const finish = (title: string | null) => {
    // Enter/Esc and the blur that follows must not both report.
    if (done.current) return;
    done.current = true;
    onDone(title);
  };
  return (
    <input
      className="conversation__rename"
      aria-label="Conversation title"
      value={value}
      // biome-ignore lint/a11y/noAutofocus: the user just asked to rename; the field must take the focus.
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') finish(value);
        if (e.key === 'Escape') {
          e.stopPropagation();
          finish(null);
        }
      }}
      onBlur={() => finish(value)}
    />
  );
}

const MENU_ITEMS = [
  ['rename', 'Rename'],
  ['markdown', 'Export as Markdown'],
  ['json', 'Export as JSON'],
  ['delete', 'Delete'],
] as const;
type MenuAction = (typeof MENU_ITEMS)[number][0];

/** The per-conversation menu: arrow keys move, Esc closes and gives the focus back. */
function ItemMenu({ title, onAction }: { title: string; onAction(action: MenuAction): void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.stopPropagation();
      close(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    }
  };

  return (
    <div className="conversation__menu-wrap">
      <button
        ref={button}
        type="button"
        className="conversation__menu-button"
        aria-label={`More actions for ${title}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        ⋯
      </button>
      {open && (
        <div
          ref={menu}
          role="menu"
          aria-label={`Actions for ${title}`}
          className="conversation__menu"
          tabIndex={-1}
          onKeyDown={onKeyDown}
          onBlur={(e) => {
            // Focus moving to the toggle is left to its click, which closes the menu itself.
            const to = e.relatedTarget as Node | null;
            if (!e.currentTarget.contains(to) && to !== button.current) close(false);
          }}
        >
          {MENU_ITEMS.map(([action, label]) => (
            <button
              key={action}
              type="button"
              role="menuitem"
              className={
                action === 'delete' ? 'conversation__menu-item is-danger' : 'conversation__menu-item'
              }
              onClick={() => {
                close(action !== 'rename');
                onAction(action);
              }}
            >
              {label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** One conversation in the sidebar: open on click, rename on double-click or from the menu. */
export function ConversationItem({ conversation, isOpen, now, onOpen, sharedTitle = false }: ItemProps) {
  const [editing, setEditing] = useState(false);
  const rename = useConversationsStore((s) => s.rename);
  const remove = useConversationsStore((s) => s.remove);

  const onAction = (action: MenuAction) => {
    if (action === 'rename') setEditing(true);
    else if (action === 'delete') void remove(conversation.id);
    // Export's code (and the record schemas it checks files with) is fetched on first use.
    else
      void import('./conversation-files').then((files) => files.exportConversation(conversation.id, action));
  };

  return (
    <li
      className={isOpen ? 'conversation is-open' : 'conversation'}
      data-testid="conversation-item"
      data-conversation-id={conversation.id}
      aria-current={isOpen ? 'true' : undefined}
    >
      {editing ? (
        <RenameField
          initial={conversation.title}
          onDone={(title) => {
            setEditing(false);
            if (title !== null && title.trim() !== conversation.title) void rename(conversation.id, title);
          }}
        />
      ) : (
        <button
          type="button"
          className="conversation__open"
          onClick={() => onOpen(conversation.id)}
          onDoubleClick={() => setEditing(true)}
          title="Open (double-click to rename)"
        >
          <span className="conversation__title">{conversation.title}</span>
          <span className="conversation__meta">
            <time dateTime={new Date(conversation.updatedAt).toISOString()}>
              {relativeTime(conversation.updatedAt, now)}
              {sharedTitle && ` (${exactTime(conversation.updatedAt)})`}
            </time>
            {conversation.endpoint && (
              <span className="conversation__endpoint"> · {conversation.endpoint}</span>
            )}
          </span>
        </button>
      )}
      <ItemMenu
        title={
          sharedTitle ? `${conversation.title} (${exactTime(conversation.updatedAt)})` : conversation.title
        }
        onAction={onAction}
      />
    </li>
  );
}
