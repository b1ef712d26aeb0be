import { type KeyboardEvent, useEffect, useId, useMemo, useRef } from 'react';
import { validateParams } from '../../../shared/limits';
import { featureRefusal } from '../../../shared/model-capabilities';
import {
  AttachError,
  AttachImageButton,
  ImageDropZone,
  ImageThumbnails,
} from '../../components/ImageAttachments';
import { ParamChips } from '../../components/params/ParamChips';
import { selectParamsProblem, useParamsValidity } from '../../components/params/params-validity';
import { SendStopButton } from '../../components/SendStopButton';
import { endpointCapabilities, paramProblemsFor } from '../../core/endpoint-capabilities';
import { IMAGE_LIMITS_TEXT } from '../../core/images';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { useEndpointChoice } from '../../core/stores/use-usable-endpoints';
import { imagesRefusal } from './chat-images';
import { useChatStore } from './chat-store';

/**
 * Why Send is refused because of the parameters: the panel's refused input, or the limits
 * table with the endpoint's window, reasoning control and protocol.
 */
function useParamsProblem(): string | null {
  const panel = useParamsValidity(selectParamsProblem);
  const params = useChatStore((s) => s.params);
  const endpoint = useChatStore((s) => s.endpoint);
  const info = useEndpointsStore((s) => s.endpoints.find((e) => e.name === endpoint));
  if (panel) return panel;
  const problems = endpoint
    ? paramProblemsFor(params, info ?? { name: endpoint })
    : validateParams(params, 'chat', null);
  return problems[0] ?? null;
}

/**
 * Why pictures hold Send back: the draft's or the history's pictures to a model known as text
 * only. `attach` is the endpoint's own refusal, shown on the attach button even before any
 * picture is attached.
 */
function useImagesProblem(): { send: string | null; attach: string | null } {
  const endpoint = useChatStore((s) => s.endpoint);
  const thread = useChatStore((s) => s.thread);
  const messages = useChatStore((s) => s.messages);
  const count = useChatStore((s) => s.draftImages.length);
  const info = useEndpointsStore((s) => s.endpoints.find((e) => e.name === endpoint));
  return useMemo(() => {
    if (!endpoint) return { send: null, attach: null };
    const target = info ?? { name: endpoint };
    const history = thread.flatMap((id) => messages[id] ?? []);
    return {
      send: imagesRefusal(target, history, count),
      attach: featureRefusal(endpointCapabilities(target), 'vision'),
    };
  }, [endpoint, info, thread, messages, count]);
}

/**
 * The message box: Enter sends, Shift+Enter is a newline; Send becomes Stop while streaming.
 * Pictures come by the attach button, a drop or a paste, and show as thumbnails above it.
 */
export function Composer() {
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const draft = useChatStore((s) => s.draft);
  const setDraft = useChatStore((s) => s.setDraft);
  const images = useChatStore((s) => s.draftImages);
  const attachError = useChatStore((s) => s.attachError);
  const attachImages = useChatStore((s) => s.attachImages);
  const removeImage = useChatStore((s) => s.removeDraftImage);
  const dismissAttachError = useChatStore((s) => s.dismissAttachError);
  const send = useChatStore((s) => s.send);
  const stop = useChatStore((s) => s.stop);
  const streaming = useChatStore((s) => s.activeId !== null);
  const endpoint = useChatStore((s) => s.endpoint);
  const hasEndpoint = endpoint !== null;
  const { missing } = useEndpointChoice('chat', endpoint);
  const focusTick = useChatStore((s) => s.composerFocus);
  const problem = useParamsProblem();
  const imagesProblem = useImagesProblem();
  const hasContent = draft.trim() !== '' || images.length > 0;
  const canSend =
    !streaming && hasEndpoint && !missing && hasContent && problem === null && imagesProblem.send === null;
  const onFiles = (files: File[]) => void attachImages(files);
  const params = useChatStore((s) => s.params);
  const setParams = useChatStore((s) => s.setParams);
  const setParamsOpen = useChatStore((s) => s.setParamsOpen);

  useEffect(() => {
    if (focusTick > 0) input.current?.focus();
  }, [focusTick]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter that confirms an IME composition is not a send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (canSend) void send();
  };

  const describedBy = [problem && `${id}-problem`, imagesProblem.send && `${id}-images`].filter(Boolean);
  return (
    <ImageDropZone className="composer-wrap" onFiles={onFiles}>
      {missing && (
        <p className="alert alert--inline composer__problem" role="status" data-testid="composer-missing">
          Not sent until another endpoint is picked: {missing.name} is missing.
        </p>
      )}
      {problem && (
        <p className="alert alert--inline composer__problem" role="status" id={`${id}-problem`}>
          Not sent until the parameters are fixed: {problem}
        </p>
      )}
      {imagesProblem.send && (
        <p
          className="alert alert--inline composer__problem"
          role="status"
          id={`${id}-images`}
          data-testid="images-refused"
        >
          Not sent: {imagesProblem.send}
        </p>
      )}
      <ParamChips params={params} onChange={setParams} onOpen={() => setParamsOpen(true)} />
      <AttachError message={attachError} onDismiss={dismissAttachError} />
      <ImageThumbnails images={images} onRemove={removeImage} />
      <div className="composer">
        <label htmlFor={id} className="visually-hidden">
          Message
        </label>
        <textarea
          id={id}
          ref={input}
          className="composer__input"
          rows={2}
          value={draft}
          aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
          placeholder={
            hasEndpoint
              ? 'Message the model (Enter to send, Shift+Enter for a new line)'
              : 'Pick an endpoint first'
          }
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="composer__actions">
          <SendStopButton
            streaming={streaming}
            canSend={canSend}
            sendTitle={missing?.reason ?? problem ?? imagesProblem.send ?? undefined}
            onSend={() => void send()}
            onStop={() => void stop()}
          />
          <AttachImageButton onFiles={onFiles} refusal={imagesProblem.attach} />
        </div>
      </div>
      {/* The limits (and an endpoint's refusal) are the attach button's description; shown once
          pictures are attached, so an empty composer stays one row. The capability badges say
          whether the endpoint takes images. */}
      <p className={images.length > 0 ? 'hint composer__hint' : 'visually-hidden'} data-testid="image-limits">
        {imagesProblem.attach && <strong>{imagesProblem.attach} </strong>}
        {IMAGE_LIMITS_TEXT}
      </p>
    </ImageDropZone>
  );
}
