import { type KeyboardEvent, useId, useMemo } from 'react';
import { validateParams } from '../../../shared/limits';
import {
  AttachError,
  AttachImageButton,
  ImageDropZone,
  ImageThumbnails,
} from '../../components/ImageAttachments';
import { ParamChips } from '../../components/params/ParamChips';
import { selectParamsProblem, useParamsValidity } from '../../components/params/params-validity';
import { SendStopButton } from '../../components/SendStopButton';
import { paramProblemsFor } from '../../core/endpoint-capabilities';
import { IMAGE_LIMITS_TEXT } from '../../core/images';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { paneImagesRefusal } from './compare-images';
import { anyStreaming, effectiveParams } from './compare-model';
import { useCompareStore } from './compare-store';

/**
 * The panes that will refuse the draft's pictures (a model known as text only), each with
 * its reason: they are refused when sent, the others run.
 */
function useImageRefusals(): string[] {
  const panes = useCompareStore((s) => s.panes);
  const count = useCompareStore((s) => s.draftImages.length);
  const endpoints = useEndpointsStore((s) => s.endpoints);
  return useMemo(() => {
    const probe = [Array.from({ length: Math.max(count, 1) }, () => ({ url: '' }))];
    return panes.flatMap((pane, i) => {
      if (!pane.endpoint) return [];
      const info = endpoints.find((e) => e.name === pane.endpoint) ?? { name: pane.endpoint };
      const refusal = paneImagesRefusal(info, probe);
      return refusal ? [`pane ${i + 1} (${pane.endpoint}): ${refusal}`] : [];
    });
  }, [panes, count, endpoints]);
}

/** Why Send to all is refused because of some pane's parameters, or null. */
function useParamsProblem(): string | null {
  const panel = useParamsValidity(selectParamsProblem);
  const panes = useCompareStore((s) => s.panes);
  const shared = useCompareStore((s) => s.sharedParams);
  const endpoints = useEndpointsStore((s) => s.endpoints);
  if (panel) return panel;
  for (const [i, pane] of panes.entries()) {
    const params = effectiveParams(pane, shared);
    // One answer per pane: several choices would be billed but never shown.
    if ((params.n ?? 1) > 1) return `pane ${i + 1}: n must be 1 in a comparison (add panes instead).`;
    // Each pane against its own endpoint: its window, its reasoning control, its protocol.
    const info = endpoints.find((e) => e.name === pane.endpoint);
    const problem = pane.endpoint
      ? paramProblemsFor(params, info ?? { name: pane.endpoint })[0]
      : validateParams(params, 'chat', null)[0];
    if (problem) return `pane ${i + 1}: ${problem}`;
  }
  return null;
}

/** The one composer: the message goes to every pane; Stop all while they stream. */
export function CompareComposer() {
  const id = useId();
  const draft = useCompareStore((s) => s.draft);
  const setDraft = useCompareStore((s) => s.setDraft);
  const images = useCompareStore((s) => s.draftImages);
  const sharedParams = useCompareStore((s) => s.sharedParams);
  const setSharedParams = useCompareStore((s) => s.setSharedParams);
  const attachError = useCompareStore((s) => s.attachError);
  const attachImages = useCompareStore((s) => s.attachImages);
  const removeImage = useCompareStore((s) => s.removeDraftImage);
  const dismissAttachError = useCompareStore((s) => s.dismissAttachError);
  const refusals = useImageRefusals();
  const onFiles = (files: File[]) => void attachImages(files);
  const send = useCompareStore((s) => s.send);
  const stopAll = useCompareStore((s) => s.stopAll);
  const streaming = useCompareStore((s) => anyStreaming(s.panes));
  const ready = useCompareStore((s) => s.panes.some((p) => p.endpoint));
  const problem = useParamsProblem();
  const canSend = !streaming && ready && (draft.trim() !== '' || images.length > 0) && problem === null;

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (canSend) void send();
  };

  return (
    <ImageDropZone className="composer-wrap cmp-composer" onFiles={onFiles}>
      {problem && (
        <p className="alert alert--inline" role="status">
          Not sent until the parameters are fixed: {problem}
        </p>
      )}
      {images.length > 0 && refusals.length > 0 && (
        <p className="alert alert--inline" role="status" data-testid="images-refused">
          Refused with these images (the other panes run): {refusals.join(' ')}
        </p>
      )}
      <AttachError message={attachError} onDismiss={dismissAttachError} />
      <ParamChips params={sharedParams} onChange={setSharedParams} />
      <ImageThumbnails images={images} onRemove={removeImage} />
      <div className="composer">
        <label htmlFor={id} className="visually-hidden">
          Message
        </label>
        <textarea
          id={id}
          className="composer__input"
          rows={2}
          value={draft}
          placeholder="One message to every pane (Enter to send, Shift+Enter for a new line)"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="composer__actions">
          <SendStopButton
            streaming={streaming}
            canSend={canSend}
            sendTitle={problem ?? undefined}
            sendLabel="Send to all"
            stopLabel="Stop all"
            stopTitle="Stop every pane"
            onSend={() => void send()}
            onStop={() => void stopAll()}
          />
          <AttachImageButton onFiles={onFiles} refusal={refusals.length > 0 ? refusals.join(' ') : null} />
        </div>
      </div>
      <p className={images.length > 0 ? 'hint composer__hint' : 'visually-hidden'} data-testid="image-limits">
        {IMAGE_LIMITS_TEXT}
      </p>
    </ImageDropZone>
  );
}
