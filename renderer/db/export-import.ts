import type { z } from 'zod';
import { SCHEMA_VERSION, type StudioDatabase } from './database';
import { migrateSnapshotV1, type Snapshot } from './migrations';
import { exportBodySchemas, exportHeaderSchema } from './record-schemas';
import type { StudioExport } from './records';

export { activeBranch, conversationToJson, conversationToMarkdown, fileNameFor } from './conversation-format';

/*
 * Export and import of everything. An export is a StudioExport (records.ts) tagged with the
 * schema version it was written with; import validates it as untrusted input, brings older
 * versions forward with the same migrations the database runs, and merges by id. Import never
 * deletes: importing a backup into a profile that has newer chats keeps both.
 */

/** Why an import was refused, in a sentence a person can act on. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** How many records of each kind an import wrote (added or replaced by id). */
export interface ImportCounts {
  conversations: number;
  messages: number;
  presets: number;
  prices: number;
}

/** Everything in the database, tagged with the format and schema version. */
export async function exportAll(db: StudioDatabase, exportedAt = Date.now()): Promise<StudioExport> {
  // One read transaction: a consistent snapshot even while a stream is being saved.
  return db.transaction('r', [db.conversations, db.messages, db.presets, db.prices], async () => ({
    format: 'serving-studio-export' as const,
    schemaVersion: SCHEMA_VERSION,
    exportedAt,
    conversations: await db.conversations.toArray(),
    messages: await db.messages.toArray(),
    presets: await db.presets.toArray(),
    prices: await db.prices.toArray(),
  }));
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
  if (version === 1) {
    const body = exportBodySchemas[1].safeParse(data);
    if (!body.success) throw new ImportError(`The export file is damaged: ${describeIssues(body.error)}.`);
    return migrateSnapshotV1({ ...body.data, prices: body.data.prices ?? [] });
  }
  const body = exportBodySchemas[2].safeParse(data);
  if (!body.success) throw new ImportError(`The export file is damaged: ${describeIssues(body.error)}.`);
  return body.data;
}

/**
 * Imports an export file's content (already parsed from JSON): validates, migrates, then
 * writes everything in one transaction (all or nothing), replacing records with the same id
 * and keeping everything else.
 */
export async function importAll(db: StudioDatabase, data: unknown): Promise<ImportCounts> {
  const snapshot = readExport(data);
  const inFile = new Set(snapshot.conversations.map((c) => c.id));
  await db.transaction('rw', [db.conversations, db.messages, db.presets, db.prices], async () => {
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
    await db.conversations.bulkPut(snapshot.conversations);
    await db.messages.bulkPut(snapshot.messages);
    await db.presets.bulkPut(snapshot.presets);
    await db.prices.bulkPut(snapshot.prices);
  });
  return {
    conversations: snapshot.conversations.length,
    messages: snapshot.messages.length,
    presets: snapshot.presets.length,
    prices: snapshot.prices.length,
  };
}
