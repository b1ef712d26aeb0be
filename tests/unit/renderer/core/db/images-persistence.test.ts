import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { conversationsRepo } from '../../../../../renderer/core/db/conversations-repo';
import { openStudioDatabase, SCHEMA_VERSION } from '../../../../../renderer/core/db/database';
import {
  conversationToJson,
  exportAll,
  exportImage,
  importAll,
  readExport,
} from '../../../../../renderer/core/db/export-import';
import type { ImageAttachment, ImageRecord, MessageRecord } from '../../../../../renderer/core/db/records';
import { answer, conversation, uniqueName, user } from '../../db/fixtures';

/* Attached pictures: Blobs in their own table, deleted with what holds them, exported losslessly. */

const PIXELS = new Uint8Array(3000).map((_, i) => (i * 7 + 3) % 256);

const image = (id: string, ownerId: string, bytes = PIXELS): ImageRecord => ({
  id,
  ownerId,
  mime: 'image/png',
  blob: new Blob([bytes], { type: 'image/png' }),
});

const attachment = (id: string, patch: Partial<ImageAttachment> = {}): ImageAttachment => ({
  id,
  name: `${id}.png`,
  mime: 'image/png',
  width: 64,
  height: 48,
  bytes: PIXELS.length,
  originalWidth: 64,
  originalHeight: 48,
  originalBytes: PIXELS.length,
  ...patch,
});

const withImages = (m: MessageRecord, ...ids: string[]): MessageRecord => ({
  ...m,
  attachments: ids.map((id) => attachment(id)),
});

const bytesOf = async (record: ImageRecord | undefined) => ({
  bytes: new Uint8Array(await (record?.blob ?? new Blob()).arrayBuffer()),
  /** Byte-for-byte equality (a plain loop: deep equality on big arrays is slow). */
  equals(other: ArrayLike<number>) {
    return this.bytes.length === other.length && this.bytes.every((v, i) => v === other[i]);
  },
});

async function seeded() {
  const db = openStudioDatabase(uniqueName('images'));
  const repo = conversationsRepo(db);
  await repo.create(conversation('c1', { activeLeafId: 'a1' }));
  await repo.putMessages([
    withImages(user('u1', 'c1', null, 'What is this?', 10), 'i1', 'i2'),
    answer('a1', 'c1', 'u1', 'Image 1 is 64×48 pixels, mostly red.', 20),
  ]);
  await repo.putImages([image('i1', 'c1'), image('i2', 'c1', new Uint8Array([9, 8, 7]))]);
  return { db, repo };
}

describe('pictures in the database', () => {
  it('keeps the bytes as a Blob, apart from the message (no base64 in the message)', async () => {
    const { db, repo } = await seeded();
    const [first] = await repo.images(['i1']);
    expect(first?.blob).toBeInstanceOf(Blob);
    expect((await bytesOf(first)).equals(PIXELS)).toBe(true);
    const stored = await db.messages.get('u1');
    expect(stored?.attachments?.map((a) => a.id)).toEqual(['i1', 'i2']);
    expect(JSON.stringify(stored).length).toBeLessThan(1000);
  });

  it('deletes a conversation’s pictures with it, and undo puts them back', async () => {
    const { db, repo } = await seeded();
    const removed = await repo.remove('c1');
    expect(await db.images.count()).toBe(0);
    expect(removed?.images?.map((r) => r.id).sort()).toEqual(['i1', 'i2']);
    if (removed) await repo.restore(removed);
    expect((await bytesOf(await db.images.get('i1'))).equals(PIXELS)).toBe(true);
  });

  it('deletes a branch’s pictures unless another message still shows them', async () => {
    const { db, repo } = await seeded();
    // An edited copy of u1 shares i1.
    await repo.putMessages([withImages(user('u2', 'c1', null, 'And this?', 30), 'i1')]);
    const gone = await repo.deleteMessages(['u1', 'a1']);
    expect(gone.map((r) => r.id)).toEqual(['i2']);
    expect((await db.images.toCollection().primaryKeys()).sort()).toEqual(['i1']);
    await repo.deleteMessages(['u2']);
    expect(await db.images.count()).toBe(0);
  });
});

describe('export and import with pictures', () => {
  it('round-trips the same bytes and metadata, and a re-import adds nothing', async () => {
    const { db } = await seeded();
    const exported = JSON.parse(JSON.stringify(await exportAll(db, 1)));
    expect(exported.schemaVersion).toBe(SCHEMA_VERSION);
    expect(exported.images.map((i: { id: string }) => i.id).sort()).toEqual(['i1', 'i2']);
    // The file's size counts the pictures: their base64 is in it.
    expect(JSON.stringify(exported).length).toBeGreaterThan((PIXELS.length * 4) / 3);

    const fresh = openStudioDatabase(uniqueName('images-import'));
    const report = await importAll(fresh, exported);
    expect(report.added.images).toBe(2);
    const restored = await fresh.images.get('i1');
    expect(restored?.mime).toBe('image/png');
    expect(restored?.blob.type).toBe('image/png');
    expect((await bytesOf(restored)).equals(PIXELS)).toBe(true);
    expect((await fresh.messages.get('u1'))?.attachments).toEqual((await db.messages.get('u1'))?.attachments);

    const again = await importAll(fresh, exported);
    expect(again.added.images).toBe(0);
    expect(await fresh.images.count()).toBe(2);
    expect(JSON.parse(JSON.stringify(await exportAll(fresh, 1)))).toEqual(exported);
  });

  it('exports one conversation with its pictures, which the same importer reads back', async () => {
    const { db, repo } = await seeded();
    const messages = await repo.messages('c1');
    const images = await Promise.all((await repo.images(['i1', 'i2'])).map(exportImage));
    const file = JSON.parse(conversationToJson(conversation('c1'), messages, 5, images));
    expect(file.images).toHaveLength(2);
    await repo.remove('c1');
    expect(await db.images.count()).toBe(0);
    await importAll(db, file);
    expect((await bytesOf(await db.images.get('i2'))).equals([9, 8, 7])).toBe(true);
  });

  it('reads a version 3 file (no pictures) and refuses a damaged picture', async () => {
    expect(
      readExport({
        format: 'serving-studio-export',
        schemaVersion: 3,
        exportedAt: 1,
        conversations: [],
        messages: [],
        presets: [],
        prices: [],
      }).images,
    ).toEqual([]);
    const damaged = {
      format: 'serving-studio-export',
      schemaVersion: SCHEMA_VERSION,
      exportedAt: 1,
      conversations: [],
      messages: [],
      presets: [],
      prices: [],
      images: [{ id: 'x', ownerId: 'c', mime: 'image/png', data: 'not base64!' }],
    };
    expect(() => readExport(damaged)).toThrow(/damaged: images\[0\]\.data/);
  });
});
