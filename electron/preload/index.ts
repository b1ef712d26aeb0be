import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import {
  CONTRACT,
  METHOD_NAMES,
  type MethodName,
  STREAM_EVENT_CHANNEL,
  type StudioApi,
} from '../../shared/contract';
import type { StreamEvent } from '../../shared/stream-events';

/*
 * The preload: the only code that can talk to the main process. It exposes one named method
 * per CONTRACT entry, each bound to its own channel, and never a generic `invoke(channel)`:
 * a page that is compromised (say through rendered model output) can then only call what
 * the app's UI can call, with payloads the router validates.
 *
 * It is bundled into one CommonJS file (dist/electron/preload.cjs): sandboxed preloads
 * can't be ES modules and can't require local files, so shared/ is inlined by the build.
 */

/** A method that invokes its own, fixed channel. */
const bridgeMethod =
  (method: MethodName) =>
  (request?: unknown): Promise<unknown> =>
    // Only the payload crosses; the channel is fixed here, not chosen by the page.
    ipcRenderer.invoke(CONTRACT[method].channel, request);

/** Builds the method table from the fixed list of names in the contract. */
const buildMethods = (): Record<MethodName, (request?: unknown) => Promise<unknown>> =>
  Object.fromEntries(METHOD_NAMES.map((method) => [method, bridgeMethod(method)])) as Record<
    MethodName,
    (request?: unknown) => Promise<unknown>
  >;

/**
 * Subscribes to stream events. The page's listener gets the event only: the
 * IpcRendererEvent (with `sender`, i.e. ipcRenderer itself) must never reach it.
 */
const onStreamEvent = (listener: (event: StreamEvent) => void): (() => void) => {
  const wrapped = (_event: IpcRendererEvent, streamEvent: StreamEvent): void => listener(streamEvent);
  ipcRenderer.on(STREAM_EVENT_CHANNEL, wrapped);
  return () => {
    ipcRenderer.removeListener(STREAM_EVENT_CHANNEL, wrapped);
  };
};

/*
 * `window.studio`. Typed by the contract: the cast is only needed because the methods are
 * built from the name list; `satisfies` then checks the result against StudioApi. Nothing is
 * exported: the bridge is reachable only through contextBridge.
 */
const studioApi = {
  ...(buildMethods() as unknown as Omit<StudioApi, 'onStreamEvent'>),
  onStreamEvent,
} satisfies StudioApi;

contextBridge.exposeInMainWorld('studio', studioApi);
