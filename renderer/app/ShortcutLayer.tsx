import { useEffect, useState } from 'react';
import { hasCommand, registerCommand, runCommand } from '../core/commands';
import { ShortcutsDialog } from './ShortcutsDialog';
import { detectMac, findShortcut } from './shortcuts';
// Imported for its effect: applies the saved colour theme before the first render.
import './theme-store';

/** Whether a modal is open: its own keys (Esc closes it) must not also reach the app. */
function modalOpen(): boolean {
  return document.querySelector('dialog[open], [aria-modal="true"]') !== null;
}

/**
 * Handles a key press: runs the command its combo maps to, if that command has a handler.
 * Runs on window in the bubble phase, so a component that handles a key itself (and calls
 * preventDefault) keeps it; combos not in the table, and typing, pass through untouched.
 */
function onKeyDown(event: KeyboardEvent, isMac: boolean): void {
  if (event.defaultPrevented || event.isComposing || event.repeat) return;
  const command = findShortcut(event, isMac)?.command;
  if (!command || !hasCommand(command) || modalOpen()) return;
  // Esc has no default worth cancelling (and cancelling it would confuse other widgets).
  if (event.key !== 'Escape') event.preventDefault();
  runCommand(command);
}

/**
 * The app's keyboard layer, mounted once by App: one keydown listener on window that maps
 * the shortcut table to commands, and the shortcuts dialog ('app.shortcuts', Ctrl/Cmd+/).
 */
export function ShortcutLayer() {
  const [dialogOpen, setDialogOpen] = useState(false);

  useEffect(() => registerCommand('app.shortcuts', () => setDialogOpen(true)), []);

  useEffect(() => {
    const isMac = detectMac();
    const listener = (event: KeyboardEvent) => onKeyDown(event, isMac);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return dialogOpen ? <ShortcutsDialog open onClose={() => setDialogOpen(false)} /> : null;
}
