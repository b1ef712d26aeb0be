import { isRecord, MAX_BODY_BYTES, payloadTooLarge } from './http-util';

/**
 * The 16 MB payload cap, applied to an invocation body without its images' data URLs (see
 * `MAX_BODY_WITH_IMAGES_BYTES`): images are found where the two APIs put them, in
 * `messages[].content[].image_url(.url)` and `input[].content[].image_url`.
 */

function imageUrlChars(part: unknown): number {
  if (!isRecord(part)) return 0;
  const url = isRecord(part.image_url) ? part.image_url.url : part.image_url;
  return (part.type === 'image_url' || part.type === 'input_image') && typeof url === 'string'
    ? url.length
    : 0;
}

function imageChars(body: Record<string, unknown>): number {
  let chars = 0;
  for (const list of [body.messages, body.input]) {
    if (!Array.isArray(list)) continue;
    for (const message of list)
      if (isRecord(message) && Array.isArray(message.content))
        for (const part of message.content) chars += imageUrlChars(part);
  }
  return chars;
}

/** Throws the 16 MB 400 when the body, images left out, is over the cap. */
export function checkPayloadSize(size: number, body: unknown): void {
  if (size <= MAX_BODY_BYTES) return;
  // Base64 data URLs are ASCII: one byte per character.
  const rest = size - (isRecord(body) ? imageChars(body) : 0);
  if (rest > MAX_BODY_BYTES) throw payloadTooLarge(size);
}
