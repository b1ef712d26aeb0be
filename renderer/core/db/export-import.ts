import type { z } from 'zod';
import { base64ToBytes, bytesToBase64 } from '../images';
import { SCHEMA_VERSION, type StudioDatabase } from './database';
import { migrateSnapshotV1, migrateSnapshotV2, migrateSnapshotV3, type Snapshot } from './migrations';
import { exportBodySchemas, exportBodySchemaV4, exportHeaderSchema } from './record-schemas';
import type { ExportedImage, ImageRecord, StudioExport } from './records';

export { activeBranch, conversationToJson, conversationToMarkdown, fileNameFor } from './conversation-format';

/*
 * Export and import of everything. An export is a StudioExport (records.ts) tagged with the
 * schema version it was written with; import validates it as untrusted input, brings older
 * versions forward with the same migrations the database runs, and merges by id. Import never
 * deletes: importing a backup into a profile that has newer chats keeps both. Attached
 * pictures travel as base64 of their exact bytes (the database keeps Blobs), so a round trip
 * gives the same bytes back.
 */

/** Why an import was refused, in a sentence a person can act on. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** A number of records for each kind of record an export holds. */
export type ImportCounts = { [Table in keyof Snapshot]: number };

/** What an import did: `written` records of each kind, of which `added` were new here (the rest replaced one with the same id). */
export interface ImportReport {
  written: ImportCounts;
  added: ImportCounts;
}

/** Every table written as it is read (the pictures are converted, see below), in a fixed order. */
const TABLES = [
  'conversations',
  'messages',
  'presets',
  'prices',
  'completionRuns',
  'usage',
  'compareSetups',
  'comparisons',
  'votes',
] as const satisfies readonly (keyof Snapshot)[];

/** Every kind of record an export holds (the order of ImportCounts). */
const KINDS = [...TABLES, 'images'] as const satisfies readonly (keyof Snapshot)[];

const tablesOf = (db: StudioDatabase) => KINDS.map((name) => db.table(name));

/** A stored picture as an export file holds it: the same bytes, as base64. */
export async function exportImage(record: ImageRecord): Promise<ExportedImage> {
  const bytes = new Uint8Array(await record.blob.arrayBuffer());
  return { id: record.id, ownerId: record.ownerId, mime: record.mime, data: bytesToBase64(bytes) };
}

/** An export file's picture as stored: a Blob of exactly the bytes the file holds. */
export function importImage(image: ExportedImage): ImageRecord {
  const bytes = base64ToBytes(image.data);
  return {
    id: image.id,
    ownerId: image.ownerId,
    mime: image.mime,
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: image.mime }),
  };
}

/** Everything in the database, tagged with the format and schema version. */
export async function exportAll(db: StudioDatabase, exportedAt = Date.now()): Promise<StudioExport> {
  // One read transaction: a consistent snapshot even while a stream is being saved. The
  // pictures are read as Blobs inside it and turned into base64 after it (reading a Blob's
  // bytes is not an IndexedDB request, so it can't keep a Dexie transaction alive).
  const { images, ...data } = await db.transaction('r', tablesOf(db), async () => ({
    format: 'serving-studio-export' as const,
    schemaVersion: SCHEMA_VERSION,
    exportedAt,
    conversations: await db.conversations.toArray(),
    messages: await db.messages.toArray(),
    presets: await db.presets.toArray(),
    prices: await db.prices.toArray(),
    completionRuns: await db.completionRuns.toArray(),
    usage: await db.usage.toArray(),
    compareSetups: await db.compareSetups.toArray(),
    comparisons: await db.comparisons.toArray(),
    votes: await db.votes.toArray(),
    images: await db.images.toArray(),
  }));
  return { ...data, images: await Promise.all(images.map(exportImage)) };
}

/** Parses a file's text as JSON, or says plainly that it is not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ImportError('This file is not JSON. Choose a file made with "Export all data (JSON)".');
  }
}

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path
      .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`))
      .join('');
    return `${path || 'file'}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more problems)` : '';
  return `${shown.join('; ')}${more}`;
}

const damaged = (error: z.ZodError) =>
  new ImportError(`The export file is damaged: ${describeIssues(error)}.`);

/**
 * Validates an export file's content and brings it to the current schema. Throws an
 * ImportError saying what is wrong; nothing is written by this function.
 */
export function readExport(data: unknown): Snapshot {
  const header = exportHeaderSchema.safeParse(data);
  if (!header.success) {
    throw new ImportError(
      'This file is not a Serving Studio export (it lacks "format": "serving-studio-export" and a schema version).',
    );
  }
  const version = header.data.schemaVersion;
  if (version > SCHEMA_VERSION) {
    throw new ImportError(
      `This export was written by a newer Serving Studio (schema ${version}; this app reads up to ${SCHEMA_VERSION}). Update the app, then import it again.`,
    );
  }
  // Each older version is validated against its own schema, then brought forward step by step.
  if (version === 1) {
    const body = exportBodySchemas[1].safeParse(data);
    if (!body.success) throw damaged(body.error);
    return migrateSnapshotV3(
      migrateSnapshotV2(migrateSnapshotV1({ ...body.data, prices: body.data.prices ?? [] })),
    );
  }
  if (version === 2) {
    const body = exportBodySchemas[2].safeParse(data);
    if (!body.success) throw damaged(body.error);
    return migrateSnapshotV3(migrateSnapshotV2(body.data));
  }
  if (version === 3) {
    const body = exportBodySchemas[3].safeParse(data);
    if (!body.success) throw damaged(body.error);
    return migrateSnapshotV3(body.data);
  }
  // Version 5 added the Evaluate tables, which an export leaves out (a dataset is imported
  // again from its file; a run's results have their own exports): its body is version 4's.
  const body = exportBodySchemaV4.safeParse(data);
  if (!body.success) throw damaged(body.error);
  return body.data;
}

/**
 * Imports an export file's content (already parsed from JSON): validates, migrates, then
 * writes everything in one transaction (all or nothing), replacing records with the same id
 * and keeping everything else.
 */
export async function importAll(db: StudioDatabase, data: unknown): Promise<ImportReport> {
  const snapshot = readExport(data);
  // Decoded before the transaction (the schema already checked the alphabet).
  const images = snapshot.images.map(importImage);
  const inFile = new Set(snapshot.conversations.map((c) => c.id));
  const added = countsOf(() => 0);
  await db.transaction('rw', tablesOf(db), async () => {
    const missing = snapshot.messages.map((m) => m.conversationId).filter((id) => !inFile.has(id));
    const known = new Set((await db.conversations.bulkGet([...new Set(missing)])).map((c) => c?.id));
    const orphan = snapshot.messages.find(
      (m) => !inFile.has(m.conversationId) && !known.has(m.conversationId),
    );
    if (orphan) {
      throw new ImportError(
        `The export file is damaged: message ${orphan.id} belongs to conversation ${orphan.conversationId}, which is neither in the file nor in the app.`,
      );
    }
    for (const name of TABLES) {
      // Counted inside the transaction, so "added" is exact even if another tab writes meanwhile.
      added[name] = await countNew(db, name, snapshot[name]);
      await db.table(name).bulkPut(snapshot[name]);
    }
    added.images = await countNew(db, 'images', images);
    await db.images.bulkPut(images);
  });
  return { written: countsOf((name) => snapshot[name].length), added };
}

const countsOf = (count: (name: keyof Snapshot) => number): ImportCounts =>
  Object.fromEntries(KINDS.map((name) => [name, count(name)])) as ImportCounts;

/** How many of `records` have no record with the same primary key in the table yet. */
async function countNew(
  db: StudioDatabase,
  name: keyof Snapshot,
  records: readonly object[],
): Promise<number> {
  const table = db.table(name);
  const keyPath = table.schema.primKey.keyPath as string;
  const keys = records.map((r) => (r as Record<string, unknown>)[keyPath] as string);
  const existing = await table.bulkGet(keys);
  return existing.filter((r) => r === undefined).length;
}
