import { create } from 'zustand';
import type { MessageRecord } from '../../core/db/records';
import { createThrottledSaver } from '../../core/db/throttled-saver';
import { withCommonDeps } from '../../core/store-deps';
import { createStreamGroup } from '../../core/stream/stream-client';
import { continueAnswer, editAndResend, regenerate, retryFailure, send } from './chat-actions';
import {
  copyLastAnswer,
  copyMessage,
  deleteMessage,
  selectChoice,
  switchBranch,
  undoDelete,
} from './chat-branches';
import { newConversation, openConversation, restoreLast } from './chat-conversation';
import { CHARS_PER_TOKEN } from './chat-history';
import { attachImages, removeDraftImage } from './chat-images';
import { defaultPreset, saveSettings, startingSettings, writeDefaultPreset } from './chat-persist';
import { afterStep, resumeToolLoop, setToolDraft, submitToolResults } from './chat-tools';
import { applyBatch, stopActive } from './chat-turns';
import type { ChatContext, ChatSession, ChatState, ChatStoreDeps } from './chat-types';

export type { ChatRepo, ChatState, ChatStoreDeps, RetrySpec, TurnFailure } from './chat-types';

/*
 * The chat store, built by a factory so that unit tests can give it a StudioApi test double,
 * an IndexedDB (fake-indexeddb) repository and manual clocks. `chat-store.ts` creates the
 * app's instance on the real bridge and database. The actions live in small modules
 * (chat-actions, chat-branches, chat-conversation, chat-turns) working on one context.
 */

const newSession = (): ChatSession => ({ links: new Map(), turn: null, lastNow: 0 });

/** Creates a chat store bound to `deps`. */
export function createChatStore(input: ChatStoreDeps) {
  const deps = withCommonDeps(input);
  return create<ChatState>()((set, get) => {
    const streams = createStreamGroup(deps.getApi, (events) => get().applyEvents(events), {
      clock: deps.clock,
    });
    const saver = createThrottledSaver<MessageRecord>(
      (ms) => deps.repo().putMessages(ms),
      deps.saveIntervalMs,
      deps.saverTimers,
    );
    const ctx: ChatContext = { set, get, deps, streams, saver, session: newSession() };
    ctx.afterAnswer = (messageId) => afterStep(ctx, messageId);
    const retryWith = (patch: Partial<ChatState>) => {
      set(patch);
      saveSettings(ctx);
      return retryFailure(ctx);
    };

    return {
      ...startingSettings(ctx),
      conversationId: null,
      title: '',
      messages: {},
      children: {},
      activeLeafId: null,
      thread: [],
      draft: '',
      draftImages: [],
      attachError: null,
      activeId: null,
      retryNotice: null,
      failure: null,
      highlightId: null,
      trimToFit: false,
      charsPerToken: CHARS_PER_TOKEN,
      lastDropped: 0,
      deleted: null,
      composerFocus: 0,
      pickerFocus: 0,
      paramsOpen: false,
      toolDrafts: {},
      loading: false,
      defaultPreset: (() => {
        const preset = defaultPreset(ctx);
        return preset ? { id: preset.id, name: preset.name } : null;
      })(),
      setDefaultPreset(preset) {
        writeDefaultPreset(ctx, preset);
        set({ defaultPreset: preset ? { id: preset.id, name: preset.name } : null });
      },

      setEndpoint(endpoint) {
        set({ endpoint });
        saveSettings(ctx);
      },
      setSystemPrompt(systemPrompt) {
        set({ systemPrompt });
        saveSettings(ctx);
      },
      setParams(params) {
        set({ params });
        saveSettings(ctx);
      },
      setDraft: (draft) => set({ draft }),
      attachImages: (files) => attachImages(ctx, files),
      removeDraftImage: (id) => removeDraftImage(ctx, id),
      dismissAttachError: () => set({ attachError: null }),
      loadImages: (ids) => deps.repo().images(ids),

      send: () => send(ctx),
      stop: () => stopActive(ctx),
      regenerate: (messageId) => regenerate(ctx, messageId),
      editAndResend: (messageId, text) => editAndResend(ctx, messageId, text),
      // An answer whose tool results are in goes on with its next step, not a "continue" prompt.
      continueAnswer: async (messageId) => {
        if (!(await resumeToolLoop(ctx, messageId))) await continueAnswer(ctx, messageId);
      },
      submitToolResults: (messageId, results) => submitToolResults(ctx, messageId, results),
      setToolDraft: (messageId, callId, text) => setToolDraft(ctx, messageId, callId, text),
      switchBranch: (messageId, direction) => switchBranch(ctx, messageId, direction),
      selectChoice: (messageId, index) => selectChoice(ctx, messageId, index),
      deleteMessage: (messageId) => deleteMessage(ctx, messageId),
      undoDelete: () => undoDelete(ctx),
      copyMessage: (messageId) => copyMessage(ctx, messageId),
      copyLastAnswer: () => copyLastAnswer(ctx),
      focusComposer: () => set((s) => ({ composerFocus: s.composerFocus + 1 })),
      focusEndpointPicker: () => set((s) => ({ pickerFocus: s.pickerFocus + 1 })),
      setParamsOpen: (paramsOpen) => set({ paramsOpen }),
      openConversation: (id, focusMessageId) => openConversation(ctx, id, focusMessageId),
      newConversation: () => newConversation(ctx),
      restoreLast: () => restoreLast(ctx),
      retryFailure: () => retryFailure(ctx),
      trimAndRetry: () => retryWith({ trimToFit: true }),
      setTrimToFit: (trimToFit) => set({ trimToFit }),
      retryWithEndpoint: (endpoint) => retryWith({ endpoint }),
      dismissFailure: () => set({ failure: null }),
      applyEvents: (events) => applyBatch(ctx, events),
    };
  });
}
