import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DemoHttpError, isRecord } from './http-util';

/**
 * Signatures on reasoning, so that a client which drops or mangles them when it sends a
 * conversation back is caught, as Claude catches it. Chat answers sign each reasoning item's
 * whole summary text (`signature` on its summary part); Responses reasoning items carry the
 * proof in their `id`. A history item whose proof is missing or does not match its text is a
 * 400. The key is fixed, not per run, so conversations saved by the app stay valid after a
 * restart; it protects nothing, it only detects changes.
 */

const KEY = 'serving-studio-demo-workspace/reasoning-signature/v1';

const mac = (text: string): Buffer => createHmac('sha256', KEY).update(text, 'utf8').digest();

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The signature of a reasoning text (base64, like real signatures). */
export function signReasoning(text: string): string {
  return mac(text).toString('base64');
}

/** Whether `signature` is the one this workspace gives `text`. */
export function verifyReasoning(text: string, signature: string): boolean {
  return sameBytes(mac(text), Buffer.from(signature, 'base64')) && signReasoning(text) === signature;
}

const ITEM_ID = /^rs_([0-9a-f]{16})([0-9a-f]{32})$/;

/** A fresh Responses reasoning item id that proves its summary text (51 characters). */
export function reasoningItemId(text: string): string {
  const nonce = randomBytes(8).toString('hex');
  return `rs_${nonce}${mac(`${nonce}\u0000${text}`).subarray(0, 16).toString('hex')}`;
}

/** Whether a Responses reasoning item id was given by this workspace to this text. */
export function verifyReasoningItemId(id: string, text: string): boolean {
  const match = ITEM_ID.exec(id);
  if (!match) return false;
  const expected = mac(`${match[1]}\u0000${text}`).subarray(0, 16);
  return sameBytes(expected, Buffer.from(match[2] ?? '', 'hex'));
}

const bad = (message: string): DemoHttpError => new DemoHttpError(400, 'BAD_REQUEST', message);

/** The summary parts of a reasoning item: their joined text and the signature they carry. */
function readSummary(item: Record<string, unknown>, where: string): { text: string; signature?: string } {
  if (!Array.isArray(item.summary)) throw bad(`${where}.summary must be a list of summary parts.`);
  let text = '';
  let signature: string | undefined;
  item.summary.forEach((part, k) => {
    if (!isRecord(part)) throw bad(`${where}.summary[${k}] must be an object.`);
    if (part.type === 'summary_encrypted_text')
      throw bad(
        `${where}.summary[${k}]: this workspace never sends summary_encrypted_text, so it cannot have produced this reasoning.`,
      );
    if (part.type !== 'summary_text')
      throw bad(`${where}.summary[${k}].type must be "summary_text"; got ${JSON.stringify(part.type)}.`);
    text += typeof part.text === 'string' ? part.text : '';
    // Streamed answers put the signature on the last fragment; any part may carry it back.
    if (typeof part.signature === 'string' && part.signature !== '') signature = part.signature;
  });
  return signature === undefined ? { text } : { text, signature };
}

/**
 * Checks the reasoning items of one chat message's content array. Reasoning is only valid in
 * assistant messages, and each item needs the signature this workspace gave its text (the
 * fragments of a streamed item may be sent back separately or joined).
 */
export function checkChatReasoning(role: string, content: unknown[], index: number): void {
  content.forEach((part, j) => {
    if (!isRecord(part) || part.type !== 'reasoning') return;
    const where = `messages[${index}].content[${j}]`;
    if (role !== 'assistant') throw bad(`${where}: reasoning items are only valid in assistant messages.`);
    const { text, signature } = readSummary(part, where);
    if (signature === undefined)
      throw bad(
        `${where}: the reasoning item has no signature. Send reasoning back exactly as the model returned it, signature included.`,
      );
    if (!verifyReasoning(text, signature))
      throw bad(
        `${where}: invalid signature in the reasoning item: it does not match the reasoning text (changed or not produced by this model).`,
      );
  });
}

/** Checks a Responses `reasoning` input item; returns its summary text. */
export function checkResponsesReasoning(item: Record<string, unknown>, index: number): string {
  const where = `input[${index}]`;
  const { text } = readSummary(item, where);
  if (typeof item.id !== 'string' || item.id === '')
    throw bad(`${where}: a reasoning item needs the id it was returned with.`);
  if (!verifyReasoningItemId(item.id, text))
    throw bad(
      `${where}: reasoning item '${item.id}' was not found: its id does not match its summary (changed or not produced by this workspace).`,
    );
  return text;
}
