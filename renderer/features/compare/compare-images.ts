import type { ChatMessage, Endpoint } from '../../../shared/domain';
import { imageProblems } from '../../../shared/limits';
import { endpointCapabilities } from '../../core/endpoint-capabilities';
import { attachFiles } from '../../core/images';
import type { CompareContext } from './compare-types';

export type { SentImages } from './compare-types';

/*
 * The pictures of a comparison: attached to the one draft (checked and scaled down at once),
 * sent with that turn to every pane — and again as history with later turns — and refused,
 * pane by pane, where the endpoint is known as text only (the other panes run).
 */

/** The pictures of each turn of the comparison on screen (empty lists when none or another comparison). */
export function turnImages(ctx: CompareContext): { url: string }[][] {
  const sent = ctx.session.images;
  return sent && sent.comparisonId === ctx.get().comparisonId ? sent.turns : [];
}

/**
 * Why a pane on `endpoint` can't be sent these turns' pictures (a model known as text only),
 * or null.
 */
export function paneImagesRefusal(
  endpoint: Pick<Endpoint, 'name'> & Partial<Endpoint>,
  images: readonly (readonly { url: string }[])[],
): string | null {
  const messages: ChatMessage[] = images
    .filter((list) => list.length > 0)
    .map((list) => ({ role: 'user', content: '', images: [...list] }));
  return imageProblems(messages, endpointCapabilities(endpoint))[0] ?? null;
}

/** Attaches `files` to the draft; the ones refused are named in `attachError`, nothing else is lost. */
export function attachImages(ctx: CompareContext, files: readonly File[]): Promise<void> {
  return attachFiles(
    {
      count: () => ctx.get().draftImages.length,
      add: (image) => ctx.set((s) => ({ draftImages: [...s.draftImages, image] })),
      setError: (attachError) => ctx.set({ attachError }),
    },
    files,
    ctx.newId,
  );
}

/** Takes a picture off the draft. */
export function removeDraftImage(ctx: CompareContext, id: string): void {
  ctx.set((s) => ({ draftImages: s.draftImages.filter((i) => i.attachment.id !== id), attachError: null }));
}
