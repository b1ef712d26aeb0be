import type { GenerationParams } from '../../../shared/domain';
import { validateParams } from '../../../shared/limits';
import type { MessageRecord } from '../../core/db/records';
import { applicableParams, endpointCapabilities, paramProblemsFor } from '../../core/endpoint-capabilities';
import {
  chatMessageOf,
  continueRequest,
  type Fitted,
  fitToWindow,
  type ImageUrlOf,
  requestMessages,
} from './chat-history';
import { chatImagesRefusal, imageRows, imageUrlsFor, threadTo } from './chat-images';
import { ensureConversation, insertMessages, makeId, showLeaf, stamp } from './chat-persist';
import { pathTo } from './chat-tree';
import { startTurn } from './chat-turns';
import type { ChatContext, RetrySpec } from './chat-types';

/*
 * The actions that send something: a new message, a new answer (regenerate, retry, after an
 * edit) and a continuation. Every new answer is a new message beside the others — nothing
 * is overwritten — except a continuation, which appends to the answer it continues.
 */

/** Tokens kept free in the window when trimming, for the template and the estimate's error. */
const TRIM_MARGIN = 0.05;

/** Why the current parameters cannot be sent (empty when they can). */
export function paramProblems(ctx: ChatContext): string[] {
  const { params, endpoint } = ctx.get();
  if (!endpoint) return validateParams(params, 'chat', null);
  return paramProblemsFor(params, ctx.deps.endpointInfo?.(endpoint) ?? { name: endpoint });
}

/**
 * The parameters sent to the current endpoint: a reasoning setting it has no control for
 * (its field is hidden) is left out.
 */
export function sentParams(ctx: ChatContext): GenerationParams {
  const { params, endpoint } = ctx.get();
  if (!endpoint) return params;
  return applicableParams(
    params,
    endpointCapabilities(ctx.deps.endpointInfo?.(endpoint) ?? { name: endpoint }),
  );
}

/**
 * The chat messages sent for an answer under `parentId`, fitted to the window when trimming
 * is on; pictures as `urlOf` resolves them (see `imageUrlsFor`).
 */
export function buildRequest(ctx: ChatContext, parentId: string | null, urlOf: ImageUrlOf): Fitted {
  const s = ctx.get();
  const thread = pathTo(s.messages, parentId).flatMap((id) => s.messages[id] ?? []);
  const messages = requestMessages(thread, s.systemPrompt, urlOf);
  const window = s.endpoint ? ctx.deps.endpointInfo?.(s.endpoint)?.contextWindow : null;
  if (!s.trimToFit || !window) return { messages, dropped: 0 };
  const budget = Math.floor(window * (1 - TRIM_MARGIN)) - (s.params.max_tokens ?? 0);
  return fitToWindow(messages, budget, s.charsPerToken);
}

/**
 * Whether a request may start: idle, an endpoint that is there, parameters it takes, and
 * no pictures (the history's under `leaf`, plus `draftImages` new ones) to a text-only model.
 */
export const canStart = (
  ctx: ChatContext,
  leaf: string | null = ctx.get().activeLeafId,
  draftImages = 0,
): boolean => {
  const s = ctx.get();
  if (s.activeId !== null || s.endpoint === null || paramProblems(ctx).length > 0) return false;
  if (chatImagesRefusal(ctx, leaf, draftImages)) return false;
  // A missing endpoint is never swapped for another: the picker, which says why, takes the focus.
  if (ctx.deps.missingReason?.(s.endpoint)) {
    ctx.set({ pickerFocus: s.pickerFocus + 1 });
    return false;
  }
  return true;
};

/** Adds an empty answer under `parentId` (plus `added`, e.g. the user message) and streams into it. */
async function answer(
  ctx: ChatContext,
  parentId: string,
  retry: RetrySpec,
  added: MessageRecord[] = [],
  conversationStored: Promise<void> = Promise.resolve(),
) {
  const s = ctx.get();
  if (!s.endpoint || !s.conversationId) return;
  const params = sentParams(ctx);
  const assistant: MessageRecord = {
    id: makeId(ctx),
    conversationId: s.conversationId,
    parentId,
    role: 'assistant',
    content: '',
    createdAt: stamp(ctx),
    status: 'streaming',
    choices: [],
    selectedChoice: 0,
    endpoint: s.endpoint,
    params,
    model: null,
    metrics: null,
    error: null,
    synthetic: ctx.deps.isDemoWorkspace(),
    costUsd: null,
  };
  // The pictures' data URLs are read from storage first (the new message's were stored by
  // send); the thread is walked with `added`, which is not in state yet.
  const all = { ...s.messages, ...Object.fromEntries(added.map((m) => [m.id, m])) };
  const found = imageUrlsFor(
    ctx,
    pathTo(all, parentId).flatMap((id) => all[id] ?? []),
  );
  const urlOf = typeof found === 'function' ? found : await found;
  // The messages are in state before the request goes: the request is built from them.
  const saved = insertMessages(ctx, [...added, assistant], assistant.id);
  const { messages, dropped } = buildRequest(ctx, parentId, urlOf);
  ctx.set({ lastDropped: dropped });
  const turn = {
    messageId: assistant.id,
    endpoint: s.endpoint,
    request: messages,
    retry,
    mode: 'new' as const,
  };
  await Promise.all([conversationStored, saved, startTurn(ctx, turn, params)]);
}

/** Sends the draft (its text and pictures) as a new user message under the active leaf. */
export async function send(ctx: ChatContext): Promise<void> {
  const s = ctx.get();
  const images = s.draftImages;
  if (!canStart(ctx, s.activeLeafId, images.length) || (s.draft.trim() === '' && images.length === 0)) return;
  const text = s.draft;
  // Cleared at once so a second Enter in the same moment sends nothing.
  ctx.set({ draft: '', draftImages: [], attachError: null, failure: null, highlightId: null });
  const conversation = ensureConversation(ctx, text || images[0]?.attachment.name || '');
  const conversationId = conversation.id;
  const user: MessageRecord = {
    id: makeId(ctx),
    conversationId,
    parentId: ctx.get().activeLeafId,
    role: 'user',
    content: text,
    createdAt: stamp(ctx),
    ...(images.length > 0 ? { attachments: images.map((i) => i.attachment) } : {}),
  };
  // The bytes are stored before the message that refers to them.
  if (images.length > 0) await ctx.deps.repo().putImages(imageRows(images, conversationId));
  await answer(ctx, user.id, { kind: 'send' }, [user], conversation.stored);
}

/** A new answer beside `messageId` (an answer), or under it (a user message); default: the last answer. */
export async function regenerate(ctx: ChatContext, messageId?: string): Promise<void> {
  const s = ctx.get();
  if (!canStart(ctx)) return;
  const target =
    messageId ?? s.thread.findLast((id) => s.messages[id]?.role === 'assistant') ?? s.thread.at(-1);
  const message = target ? s.messages[target] : undefined;
  if (!message) return;
  const parentId = message.role === 'user' ? message.id : message.parentId;
  if (!parentId || !canStart(ctx, parentId)) return;
  ctx.set({ failure: null });
  await answer(ctx, parentId, { kind: 'answer', parentId });
}

/** A user message beside `messageId` with `text`, and its answer: a new branch. */
export async function editAndResend(ctx: ChatContext, messageId: string, text: string): Promise<void> {
  const s = ctx.get();
  const original = s.messages[messageId];
  if (original?.role !== 'user' || !s.conversationId) return;
  // The copy shows the same pictures (the same stored bytes: deleting one keeps the other's).
  const attachments = original.attachments ?? [];
  if (!canStart(ctx, original.parentId, attachments.length)) return;
  if (text.trim() === '' && attachments.length === 0) return;
  const user: MessageRecord = {
    id: makeId(ctx),
    conversationId: s.conversationId,
    parentId: original.parentId,
    role: 'user',
    content: text,
    createdAt: stamp(ctx),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
  ctx.set({ failure: null });
  await answer(ctx, user.id, { kind: 'answer', parentId: user.id }, [user]);
}

/**
 * Continues a cut-off answer: the partial text goes as the assistant's turn, followed by an
 * instruction to continue (see `continueRequest`), and the reply is appended to the same
 * message, on its selected choice.
 */
export async function continueAnswer(ctx: ChatContext, messageId: string): Promise<void> {
  const s = ctx.get();
  const message = s.messages[messageId];
  if (message?.role !== 'assistant' || !message.parentId || !message.content) return;
  if (!canStart(ctx, message.parentId)) return;
  const endpoint = s.endpoint as string;
  const urlOf = await imageUrlsFor(ctx, threadTo(ctx, message.parentId));
  const history = buildRequest(ctx, message.parentId, urlOf);
  const request = continueRequest(history.messages, chatMessageOf(message));
  const streaming: MessageRecord = { ...message, status: 'streaming', error: null };
  showLeaf(ctx, messageId, { ...s.messages, [messageId]: streaming });
  ctx.set({ failure: null, lastDropped: history.dropped });
  ctx.saver.save(streaming);
  // One choice is asked for: the continuation extends the choice on screen.
  const { n: _n, ...params }: GenerationParams = sentParams(ctx);
  const turn = {
    messageId,
    endpoint,
    request,
    retry: { kind: 'answer' as const, parentId: message.parentId },
  };
  await startTurn(ctx, { ...turn, mode: 'continue' }, params);
}

/** Does the failed request again (the draft for a failed send, else a new answer). */
export async function retryFailure(ctx: ChatContext): Promise<void> {
  const failure = ctx.get().failure;
  if (!failure) return;
  if (failure.retry.kind === 'send') return send(ctx);
  if (ctx.get().messages[failure.retry.parentId]) await regenerate(ctx, failure.retry.parentId);
}
