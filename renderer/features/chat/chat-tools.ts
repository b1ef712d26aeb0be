import type { GenerationParams, OutputItem } from '../../../shared/domain';
import type { ChoiceRecord, MessageRecord } from '../../core/db/records';
import { applicableParams, endpointCapabilities } from '../../core/endpoint-capabilities';
import {
  foldStepText,
  maxToolSteps,
  nextToolStep,
  pendingCalls,
  toolSteps,
  withResults,
} from '../../core/tool-loop';
import { buildRequest, canStart } from './chat-actions';
import { shownText } from './chat-events';
import { chatMessageOf } from './chat-history';
import { imageUrlsFor, threadTo } from './chat-images';
import { showLeaf } from './chat-persist';
import { startTurn } from './chat-turns';
import type { ChatContext } from './chat-types';

/*
 * The chat's tool loop. An answer that called tools waits for their results (typed by the
 * user, picked from a tool's saved mocks, or — in mock mode — answered by the app); the
 * results go into the answer's items and the same answer goes on: a new request whose
 * history runs through this answer (its items expand on the wire into `tool_calls` and
 * `tool` messages, see shared/request-body.ts), streamed into the same message like a
 * continuation. With n > 1 only the choice on screen goes on (one choice is asked for).
 */

/** The parameters the next step of `endpoint`'s answer is sent with: one choice. */
function stepParams(ctx: ChatContext, endpoint: string): GenerationParams {
  const target = ctx.deps.endpointInfo?.(endpoint) ?? { name: endpoint };
  const { n: _n, ...params } = applicableParams(ctx.get().params, endpointCapabilities(target));
  return params;
}

/**
 * Answers the pending calls of `messageId`'s choice on screen with `results` (call id →
 * output) and continues the same answer. Every pending call needs a result (parallel calls
 * are answered together); nothing happens otherwise, or while something streams, or when the
 * parameters can't be sent — then nothing is lost (the typed results stay in `toolDrafts`).
 * Returns whether the request started.
 */
export async function submitToolResults(
  ctx: ChatContext,
  messageId: string,
  results: Readonly<Record<string, string>>,
): Promise<boolean> {
  const s = ctx.get();
  const message = s.messages[messageId];
  if (message?.role !== 'assistant' || !message.parentId || message.status === 'streaming') return false;
  // Only the end of a thread goes on: answers under this one were built without these results.
  if ((s.children[messageId]?.length ?? 0) > 0) return false;
  const selected = message.selectedChoice ?? 0;
  const choice = message.choices?.[selected];
  const pending = pendingCalls(choice?.items);
  if (!choice || pending.length === 0 || pending.some((c) => results[c.callId] === undefined)) return false;
  if (!canStart(ctx)) return false;
  const items = withResults(foldStepText(choice.text, choice.items), new Map(Object.entries(results)));
  return continueStep(ctx, message, { ...choice, text: '', items });
}

/**
 * Continues an answer whose last step's results are all in (a request that failed after
 * them): the same request again, without the "continue" instruction a cut-off text gets.
 */
export async function resumeToolLoop(ctx: ChatContext, messageId: string): Promise<boolean> {
  const message = ctx.get().messages[messageId];
  const choice = message?.choices?.[message.selectedChoice ?? 0];
  if (!message || !choice || !awaitsNextStep(choice) || !canStart(ctx)) return false;
  return continueStep(ctx, message, choice);
}

/** True when the choice's last item is a tool result and no text came after it: the next step is due. */
export const awaitsNextStep = (choice: ChoiceRecord | undefined): boolean =>
  !!choice && choice.text === '' && choice.items?.at(-1)?.type === 'function_call_output';

/** Puts `choice` (with its results) in the message and streams the next step into it. */
async function continueStep(
  ctx: ChatContext,
  message: MessageRecord,
  choice: ChoiceRecord,
): Promise<boolean> {
  const s = ctx.get();
  const parentId = message.parentId as string;
  const endpoint = message.endpoint ?? (s.endpoint as string);
  const params = stepParams(ctx, endpoint);
  const selected = message.selectedChoice ?? 0;
  const choices = [...(message.choices ?? [])];
  choices[selected] = choice;
  const streaming: MessageRecord = {
    ...message,
    choices,
    content: shownText(choices, selected),
    status: 'streaming',
    error: null,
    params,
  };
  const { [message.id]: _done, ...drafts } = s.toolDrafts;
  showLeaf(ctx, message.id, { ...s.messages, [message.id]: streaming });
  ctx.set({ failure: null, toolDrafts: drafts });
  ctx.saver.save(streaming);
  // The history's pictures go as their real data URLs, read from storage (never the preview's).
  const urlOf = await imageUrlsFor(ctx, threadTo(ctx, parentId));
  const history = buildRequest(ctx, parentId, urlOf);
  ctx.set({ lastDropped: history.dropped });
  const request = [...history.messages, chatMessageOf(streaming)];
  const turn = { messageId: message.id, endpoint, request, retry: { kind: 'answer' as const, parentId } };
  await startTurn(ctx, { ...turn, mode: 'continue' }, params);
  return true;
}

/**
 * After a step ended well: in mock mode, under the step cap, the app answers the calls from
 * the tools' saved mocks and goes on; otherwise the calls wait (the answer shows why).
 * The current parameters decide, so raising Max steps lets a capped loop go on.
 */
export function afterStep(ctx: ChatContext, messageId: string): void {
  const message = ctx.get().messages[messageId];
  const choice = message?.choices?.[message.selectedChoice ?? 0];
  if (message?.status !== 'done' || !choice) return;
  const decision = nextToolStep(choice.items, ctx.get().params);
  if (decision.kind !== 'mock') return;
  void submitToolResults(ctx, messageId, Object.fromEntries(decision.results));
}

/** Remembers a result being typed for a call (it survives re-renders, scrolling and failed sends). */
export function setToolDraft(ctx: ChatContext, messageId: string, callId: string, text: string): void {
  ctx.set((s) => ({
    toolDrafts: { ...s.toolDrafts, [messageId]: { ...s.toolDrafts[messageId], [callId]: text } },
  }));
}

/**
 * Why the pending calls of a mock-mode answer wait for the user: the step cap (under the
 * current Max steps), in words; null when mock mode is off or under the cap.
 */
export function capNote(items: readonly OutputItem[] | undefined, params: GenerationParams): string | null {
  const steps = toolSteps(items);
  if (!params.tool_mock || pendingCalls(items).length === 0 || steps < maxToolSteps(params)) return null;
  return `Stopped after ${steps} step${steps === 1 ? '' : 's'} (the cap): answer the calls to go on, or raise Max steps.`;
}
