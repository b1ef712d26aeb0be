import { conversationsRepo } from '../../../core/db/conversations-repo';
import { getDatabase } from '../../../core/db/database';
import {
  conversationToJson,
  conversationToMarkdown,
  exportAll,
  exportImage,
  fileNameFor,
  type ImportCounts,
  type ImportReport,
  importAll,
  parseJsonText,
} from '../../../core/db/export-import';
import { downloadText, fileDate } from '../../../core/download';

/*
 * The sidebar's and Settings' file actions: read from the database, build the file, hand
 * it to the browser. Kept out of the components so those stay about layout.
 */

/** Which format a single conversation is exported in. */
export type ConversationFormat = 'markdown' | 'json';

/** Downloads one conversation: Markdown (the branch on screen) or JSON (every branch). */
export async function exportConversation(id: string, format: ConversationFormat): Promise<void> {
  const repo = conversationsRepo();
  const conversation = await repo.get(id);
  if (!conversation) return;
  const messages = await repo.messages(id);
  if (format === 'markdown') {
    downloadText(
      fileNameFor(conversation.title, 'md'),
      conversationToMarkdown(conversation, messages),
      'text/markdown',
    );
  } else {
    const ids = [...new Set(messages.flatMap((m) => (m.attachments ?? []).map((a) => a.id)))];
    const images = await Promise.all((await repo.images(ids)).map(exportImage));
    downloadText(
      fileNameFor(conversation.title, 'json'),
      conversationToJson(conversation, messages, Date.now(), images),
      'application/json',
    );
  }
}

/** Downloads everything as one JSON file. */
export async function exportEverything(): Promise<{ counts: ImportCounts; bytes: number }> {
  const data = await exportAll(getDatabase());
  const text = JSON.stringify(data, null, 2);
  downloadText(`serving-studio-${fileDate(data.exportedAt)}.json`, text, 'application/json');
  // What the file holds, and its size: images (base64) count in both.
  const counts = Object.fromEntries(
    Object.entries(data).flatMap(([kind, rows]) => (Array.isArray(rows) ? [[kind, rows.length]] : [])),
  ) as ImportCounts;
  return { counts, bytes: new Blob([text]).size };
}

/** Imports a chosen file; rejects with an ImportError saying what is wrong with it. */
export async function importFile(file: File): Promise<ImportReport> {
  return importAll(getDatabase(), parseJsonText(await file.text()));
}
