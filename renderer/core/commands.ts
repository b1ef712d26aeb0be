/*
 * The command registry: the one place keyboard shortcuts (and buttons that want the same
 * action) go through. Features register their own handlers — the chat store registers the
 * chat.* commands, the conversations store 'conversations.search', the shortcut layer
 * 'app.shortcuts' — so this module depends on no feature and no feature on the keyboard.
 */

/** Every command a shortcut can run. */
export type CommandId =
  | 'chat.new'
  | 'chat.stop'
  | 'chat.regenerate'
  | 'chat.copy-last'
  | 'chat.focus-composer'
  | 'conversations.search'
  | 'app.shortcuts';

/** All command ids, in the order the shortcuts dialog lists them. */
export const COMMAND_IDS: readonly CommandId[] = [
  'chat.new',
  'chat.stop',
  'chat.regenerate',
  'chat.copy-last',
  'chat.focus-composer',
  'conversations.search',
  'app.shortcuts',
];

const handlers = new Map<CommandId, () => void>();

/**
 * Registers the handler for `id`, replacing any earlier one (the last feature to mount wins,
 * which is also what hot reload needs). Returns an unregister function; it removes the
 * handler only if it is still this one, so a stale cleanup can't remove a newer handler.
 */
export function registerCommand(id: CommandId, run: () => void): () => void {
  handlers.set(id, run);
  return () => {
    if (handlers.get(id) === run) handlers.delete(id);
  };
}

/**
 * Runs the command if a handler is registered; returns whether one ran. A handler that
 * throws is reported on the console, not rethrown: a shortcut must never break the page.
 */
export function runCommand(id: CommandId): boolean {
  const run = handlers.get(id);
  if (!run) return false;
  try {
    run();
  } catch (error) {
    console.error(`Command ${id} failed`, error);
  }
  return true;
}

/** Whether a handler is registered for `id` (the dialog greys out unavailable commands). */
export function hasCommand(id: CommandId): boolean {
  return handlers.has(id);
}
