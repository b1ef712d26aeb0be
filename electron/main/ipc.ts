import { type IpcMainInvokeEvent, ipcMain, type WebContents } from 'electron';
import { CONTRACT, METHOD_NAMES, STREAM_EVENT_CHANNEL } from '../../shared/contract';
import { fail, type Result } from '../../shared/errors';
import type { StreamEvent } from '../../shared/stream-events';
import type { Router } from '../services/router';
import type { Session } from '../services/types';
import type { AppUrlPolicy } from './app-url';

/** The one router session per web contents; its id is the web contents id. */
const sessions = new WeakMap<WebContents, Session>();

/** The session id of a web contents, as passed to `router.closeSession` when it goes away. */
export const sessionIdOf = (contents: Pick<WebContents, 'id'>): string => String(contents.id);

/**
 * The router session of a web contents. `emit` checks `isDestroyed()` first: a stream can
 * outlive its window by a few milliseconds, and sending to a destroyed contents throws.
 */
export const sessionFor = (contents: WebContents): Session => {
  const existing = sessions.get(contents);
  if (existing) return existing;
  const created: Session = {
    id: sessionIdOf(contents),
    emit(event: StreamEvent) {
      if (contents.isDestroyed()) return;
      try {
        contents.send(STREAM_EVENT_CHANNEL, event);
      } catch {
        // The renderer went away between the check and the send: nothing to deliver to.
      }
    },
  };
  sessions.set(contents, created);
  return created;
};

/**
 * True when the call comes from the main frame of our own page. A subframe (an iframe some
 * rendered content managed to create) or a page that navigated elsewhere must not reach the
 * privileged side, even though it shares the web contents (VS Code's rule).
 */
export const isTrustedSender = (event: IpcMainInvokeEvent, policy: AppUrlPolicy): boolean => {
  const frame = event.senderFrame;
  if (!frame) return false; // The frame navigated away or was destroyed mid-call.
  // Only the top-level frame has no parent. (Not an identity check against
  // `sender.mainFrame`: WebFrameMain wrappers are not guaranteed to be the same object.)
  if (frame.parent !== null) return false;
  return policy.isAppUrl(frame.url);
};

/**
 * The single entry point of every channel: checks the sender, then hands the still-unknown
 * payload to the router, which validates it against the channel's schema.
 */
export const handleInvoke = async (
  router: Router,
  policy: AppUrlPolicy,
  channel: string,
  event: IpcMainInvokeEvent,
  payload: unknown,
): Promise<Result<unknown>> => {
  if (!isTrustedSender(event, policy)) {
    return fail(
      'INVALID_REQUEST',
      "This request didn't come from Serving Studio's own window, so it was refused.",
    );
  }
  try {
    return await router.handle(channel, payload, sessionFor(event.sender));
  } catch {
    // The router turns expected failures into values; anything thrown is a bug. Its message
    // could hold internals, so the renderer only gets a generic sentence.
    return fail(
      'INTERNAL',
      'Something went wrong in Serving Studio. Try again; restart the app if it persists.',
    );
  }
};

/**
 * Registers every CONTRACT channel on ipcMain (and nothing else). Returns a function that
 * removes them again.
 */
export const setupIpc = (router: Router, policy: AppUrlPolicy): (() => void) => {
  const channels = METHOD_NAMES.map((method) => CONTRACT[method].channel);
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      handleInvoke(router, policy, channel, event, payload),
    );
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
};
