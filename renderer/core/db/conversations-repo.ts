import Dexie from 'dexie';
import { getDatabase, type StudioDatabase } from './database';
import type { ConversationRecord, ImageRecord, MessageRecord } from './records';
import { DEFAULT_SEARCH_LIMIT, type SearchHit, searchConversations } from './search';

export type { SearchHit } from './search';

/** What `remove` took out, everything `restore` needs to put it back exactly (undo). */
export interface RemovedConversation {
  conversation: ConversationRecord;
  messages: MessageRecord[];
  /** Its attached pictures' bytes (absent in a record made before pictures existed). */
  images?: ImageRecord[];
}

/** The picture ids `messages` refer to. */
const attachmentIds = (messages: readonly MessageRecord[]): string[] =>
  messages.flatMap((m) => (m.attachments ?? []).map((a) => a.id));

/** The title of a conversation nobody has named yet. */
export const UNTITLED = 'New conversation';

/** A new random id (UUID v4; IndexedDB keys, never shown). */
export const newRecordId = (): string => crypto.randomUUID();

/**
 * Conversations and their messages. The chat store writes through this (a streaming answer
 * is saved as it grows); the sidebar lists, renames, removes, restores and searches.
 * Writes touching both tables run in one transaction so a crash never leaves half a conversation.
 */
export function conversationsRepo(db: StudioDatabase = getDatabase()) {
  const inConversation = (conversationId: string) =>
    db.messages
      .where('[conversationId+createdAt]')
      .between([conversationId, Dexie.minKey], [conversationId, Dexie.maxKey]);

  return {
    /** Every conversation, most recently updated first. */
    list: (): Promise<ConversationRecord[]> => db.conversations.orderBy('updatedAt').reverse().toArray(),

    get: (id: string): Promise<ConversationRecord | undefined> => db.conversations.get(id),

    /** Creates and stores a conversation; missing fields get defaults (empty, untitled, now). */
    async create(init: Partial<ConversationRecord> = {}): Promise<ConversationRecord> {
      const now = Date.now();
      const record: ConversationRecord = {
        id: newRecordId(),
        title: UNTITLED,
        createdAt: now,
        updatedAt: now,
        workspaceId: null,
        endpoint: null,
        systemPrompt: '',
        params: {},
        activeLeafId: null,
        ...init,
      };
      await db.conversations.add(record);
      return record;
    },

    /**
     * Changes some fields; resolves to the updated record (undefined when it does not exist).
     * `updatedAt` is not bumped here: renaming must not move a conversation to the top, so the
     * caller passes it when a message was added.
     */
    async update(id: string, patch: Partial<Omit<ConversationRecord, 'id'>>) {
      await db.conversations.update(id, patch);
      return db.conversations.get(id);
    },

    /** Deletes a conversation and all its messages; resolves to what was deleted (for undo). */
    remove: (id: string): Promise<RemovedConversation | null> =>
      db.transaction('rw', db.conversations, db.messages, db.images, async () => {
        const conversation = await db.conversations.get(id);
        if (!conversation) return null;
        const messages = await inConversation(id).toArray();
        const images = await db.images.where('ownerId').equals(id).toArray();
        await inConversation(id).delete();
        await db.images.where('ownerId').equals(id).delete();
        await db.conversations.delete(id);
        return { conversation, messages, images };
      }),

    /** Puts a removed conversation back exactly as it was (same ids, times, branches, pictures). */
    restore: (removed: RemovedConversation): Promise<void> =>
      db.transaction('rw', db.conversations, db.messages, db.images, async () => {
        await db.conversations.put(removed.conversation);
        await db.messages.bulkPut(removed.messages);
        await db.images.bulkPut(removed.images ?? []);
      }),

    /** All of a conversation's messages (every branch), oldest first. */
    messages: (conversationId: string): Promise<MessageRecord[]> => inConversation(conversationId).toArray(),

    putMessage: async (message: MessageRecord): Promise<void> => {
      await db.messages.put(message);
    },

    putMessages: async (messages: MessageRecord[]): Promise<void> => {
      await db.messages.bulkPut(messages);
    },

    /**
     * Deletes messages and the pictures only they carried (an edited copy of a message shares
     * its pictures: those stay while another message refers to them). Resolves to the deleted
     * pictures, so an undo can put them back.
     */
    deleteMessages: (ids: string[]): Promise<ImageRecord[]> =>
      db.transaction('rw', db.messages, db.images, async () => {
        const doomed = (await db.messages.bulkGet(ids)).flatMap((m) => m ?? []);
        await db.messages.bulkDelete(ids);
        const candidates = new Set(attachmentIds(doomed));
        if (candidates.size === 0) return [];
        for (const conversationId of new Set(doomed.map((m) => m.conversationId)))
          for (const id of attachmentIds(await inConversation(conversationId).toArray()))
            candidates.delete(id);
        const gone = (await db.images.bulkGet([...candidates])).flatMap((r) => r ?? []);
        await db.images.bulkDelete([...candidates]);
        return gone;
      }),

    /** Stores attached pictures' bytes (replacing any with the same id). */
    putImages: async (images: ImageRecord[]): Promise<void> => {
      await db.images.bulkPut(images);
    },

    /** The stored pictures with these ids, in the same order (missing ones left out). */
    images: async (ids: readonly string[]): Promise<ImageRecord[]> =>
      (await db.images.bulkGet([...ids])).flatMap((r) => r ?? []),

    /** Case-insensitive substring search over titles and messages, newest first. */
    search: (
      query: string,
      limit: number = DEFAULT_SEARCH_LIMIT,
      signal?: AbortSignal,
    ): Promise<SearchHit[]> => searchConversations(db, query, limit, signal),
  };
}

/** The repository's type, for stores that take it as a dependency. */
export type ConversationsRepo = ReturnType<typeof conversationsRepo>;
