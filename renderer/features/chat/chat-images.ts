import type { ChatMessage, Endpoint } from '../../../shared/domain';
import { imageProblems } from '../../../shared/limits';
import type { ImageRecord, MessageRecord } from '../../core/db/records';
import { endpointCapabilities } from '../../core/endpoint-capabilities';
import { attachFiles, blobToDataUrl, type PreparedImage } from '../../core/images';
import { attachmentIdsOf, type ImageUrlOf } from './chat-history';
import { pathTo } from './chat-tree';
import type { ChatContext } from './chat-types';

/*
 * The pictures of a chat: attaching them to the draft (checked and scaled down at once, so
 * a problem shows before anything is sent), refusing them for a text-only endpoint (the
 * draft's and the history's), and turning the stored bytes into the data URLs a request
 * carries.
 */

/**
 * Why the thread plus `draftCount` new pictures can't go to `endpoint`, or null: a model the
 * capability table knows as text only (the same words the privileged side would refuse with).
 * The composer asks on every render, streaming frames included, so this looks only at the
 * pictures (no request is built) and answers at once when there are none.
 */
export function imagesRefusal(
  endpoint: Pick<Endpoint, 'name'> & Partial<Endpoint>,
  thread: readonly MessageRecord[],
  draftCount: number,
): string | null {
  const counts = thread.flatMap((m) => (m.attachments?.length ? [m.attachments.length] : []));
  if (draftCount > 0) counts.push(draftCount);
  if (counts.length === 0) return null;
  const messages: ChatMessage[] = counts.map((n) => ({
    role: 'user',
    content: '',
    images: Array.from({ length: n }, () => ({ url: '' })),
  }));
  return imageProblems(messages, endpointCapabilities(endpoint))[0] ?? null;
}

/** The messages from the root to `leaf`. */
export const threadTo = (ctx: ChatContext, leaf: string | null): MessageRecord[] => {
  const { messages } = ctx.get();
  return pathTo(messages, leaf).flatMap((id) => messages[id] ?? []);
};

/** Why sending now (the draft's pictures under the active leaf, or a new answer under `leaf`) is refused. */
export function chatImagesRefusal(ctx: ChatContext, leaf: string | null, draftCount: number): string | null {
  const { endpoint } = ctx.get();
  if (!endpoint) return null;
  const info = ctx.deps.endpointInfo?.(endpoint) ?? { name: endpoint };
  return imagesRefusal(info, threadTo(ctx, leaf), draftCount);
}

/**
 * Attaches `files` to the draft: each is checked (type, file size, count) and scaled down
 * when needed, in order. The ones that can't be attached are named in `attachError`; the
 * others, the draft text and the pictures already attached are kept.
 */
export function attachImages(ctx: ChatContext, files: readonly File[]): Promise<void> {
  return attachFiles(
    {
      count: () => ctx.get().draftImages.length,
      add: (image) => ctx.set((s) => ({ draftImages: [...s.draftImages, image] })),
      setError: (attachError) => ctx.set({ attachError }),
    },
    files,
    ctx.deps.newId,
  );
}

/** Takes a picture off the draft. */
export function removeDraftImage(ctx: ChatContext, id: string): void {
  ctx.set((s) => ({ draftImages: s.draftImages.filter((i) => i.attachment.id !== id), attachError: null }));
}

/** The draft's pictures as stored rows of conversation `ownerId`. */
export const imageRows = (images: readonly PreparedImage[], ownerId: string): ImageRecord[] =>
  images.map(({ attachment, blob }) => ({ id: attachment.id, ownerId, mime: attachment.mime, blob }));

/**
 * The data URLs of every picture in `thread`, from the stored bytes, as the resolver
 * `requestMessages` takes. A picture whose bytes are gone (a damaged import) is sent as
 * nothing rather than as a broken URL the bridge would refuse.
 */
export function imageUrlsFor(
  ctx: ChatContext,
  thread: readonly MessageRecord[],
): ImageUrlOf | Promise<ImageUrlOf> {
  const ids = attachmentIdsOf(thread);
  // Without pictures there is nothing to read: answered at once, so a send without pictures
  // has no await between the click and its request.
  if (ids.length === 0) return () => '';
  return readImageUrls(ctx, ids);
}

async function readImageUrls(ctx: ChatContext, ids: string[]): Promise<ImageUrlOf> {
  const rows = await ctx.deps.repo().images(ids);
  const urls = new Map<string, string>();
  for (const row of rows) urls.set(row.id, await blobToDataUrl(row.blob, row.mime));
  return (a) => urls.get(a.id) ?? '';
}

/** A user message's pictures back as draft pictures (its send failed before any answer). */
export async function draftImagesOf(ctx: ChatContext, message: MessageRecord): Promise<PreparedImage[]> {
  const attachments = message.attachments ?? [];
  if (attachments.length === 0) return [];
  const rows = new Map((await ctx.deps.repo().images(attachments.map((a) => a.id))).map((r) => [r.id, r]));
  return attachments.flatMap((attachment) => {
    const row = rows.get(attachment.id);
    return row ? [{ attachment, blob: row.blob }] : [];
  });
}
