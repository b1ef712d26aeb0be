import type { StoreApi } from 'zustand';
import { registerCommand } from '../../core/commands';
import type { ChatState } from './chat-types';

/**
 * Registers the chat's keyboard commands (bindings and the shortcuts dialog live in
 * app/commands.ts). Called once, when the app's chat store is created; returns unregister.
 */
export function registerChatCommands(store: Pick<StoreApi<ChatState>, 'getState'>): () => void {
  const chat = () => store.getState();
  const off = [
    registerCommand('chat.new', () => chat().newConversation()),
    registerCommand('chat.stop', () => void chat().stop()),
    registerCommand('chat.regenerate', () => void chat().regenerate()),
    registerCommand('chat.copy-last', () => void chat().copyLastAnswer()),
    registerCommand('chat.focus-composer', () => chat().focusComposer()),
  ];
  return () => {
    for (const unregister of off) unregister();
  };
}
