import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { EvalDatasetRecord, EvalResultRecord, EvalRowRecord, EvalRunRecord } from './eval-records';
import {
  type ConversationRecordV1,
  type MessageRecordV1,
  migrateConversationV1,
  migrateMessageV1,
} from './migrations';
import type {
  CompareSetupRecord,
  ComparisonRecord,
  CompletionRunRecord,
  ConversationRecord,
  ImageRecord,
  MessageRecord,
  PresetRecord,
  PriceRecord,
  UsageRecord,
  VoteRecord,
} from './records';

/*
 * The renderer's IndexedDB database, through Dexie. Every schema version a release ever
 * shipped stays declared here, in order, with the upgrade that brings its data forward:
 * Dexie runs the upgrades of the versions between what is on disk and SCHEMA_VERSION, in one
 * transaction, so a user skipping releases loses nothing (lost chats after an update are the
 * most damaging complaint about other clients). Never edit a shipped version; add one.
 */

/** The app database's name. */
export const DB_NAME = 'serving-studio';

/** The current schema version (also written into exports). */
export const SCHEMA_VERSION = 5;

/** Version 1's tables and indexes, exactly as that release declared them (kept for upgrades and tests). */
export const SCHEMA_V1 = {
  conversations: 'id, updatedAt',
  messages: 'id, conversationId, [conversationId+createdAt]',
  presets: 'id',
} as const;

/**
 * Version 2's tables and indexes.
 * - conversations by `updatedAt`: the sidebar lists newest first.
 * - messages by `conversationId` and `[conversationId+createdAt]`: load (and delete) one
 *   conversation, in order; by `parentId`: find a message's children (branches); by
 *   `createdAt`: search walks all messages newest first and stops at its limit.
 * - prices keyed by endpoint name: one user-edited price per endpoint.
 */
export const SCHEMA_V2 = {
  conversations: 'id, updatedAt',
  messages: 'id, conversationId, [conversationId+createdAt], parentId, createdAt',
  presets: 'id, name',
  prices: 'endpoint',
} as const;

/**
 * Version 3 adds tables only (nothing existing changes, so there is no upgrade function):
 * - completionRuns by `updatedAt` (history newest first) and `endpoint`.
 * - usage by `at` (a date range for the cost charts), `endpoint`, and `[endpoint+at]` (one
 *   endpoint's month for its budget without scanning every other endpoint's rows).
 * - compareSetups and comparisons by `updatedAt` (lists newest first).
 * - votes by `comparisonId` (one comparison's votes) and `at` (the leaderboard, in order).
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  completionRuns: 'id, updatedAt, endpoint',
  usage: 'id, at, endpoint, [endpoint+at]',
  compareSetups: 'id, updatedAt',
  comparisons: 'id, updatedAt',
  votes: 'id, comparisonId, at',
} as const;

/**
 * Version 4 adds the `images` table (nothing existing changes, so no upgrade function): the
 * bytes of attached pictures as Blobs, by `ownerId` (the conversation or comparison holding
 * them) so deleting one deletes its pictures.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  images: 'id, ownerId',
} as const;

/**
 * Version 5 adds the Evaluate view's tables (nothing existing changes, so no upgrade function):
 * - evalDatasets by `createdAt` (newest first); evalRows keyed by `[datasetId+index]` (a
 *   dataset's rows in order, read in pages) and by `datasetId` (delete a dataset's rows).
 * - evalRuns by `updatedAt` (the saved runs, newest first) and `datasetId`.
 * - evalResults keyed by `[runId+rowIndex+variantId]` (one per request: a result written
 *   twice replaces itself) and by `runId` (load, count or delete one run's results).
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  evalDatasets: 'id, createdAt',
  evalRows: '[datasetId+index], datasetId',
  evalRuns: 'id, updatedAt, datasetId',
  evalResults: '[runId+rowIndex+variantId], runId',
} as const;

/** The database with its typed tables. */
export type StudioDatabase = Dexie & {
  conversations: EntityTable<ConversationRecord, 'id'>;
  messages: EntityTable<MessageRecord, 'id'>;
  presets: EntityTable<PresetRecord, 'id'>;
  prices: EntityTable<PriceRecord, 'endpoint'>;
  completionRuns: EntityTable<CompletionRunRecord, 'id'>;
  usage: EntityTable<UsageRecord, 'id'>;
  compareSetups: EntityTable<CompareSetupRecord, 'id'>;
  comparisons: EntityTable<ComparisonRecord, 'id'>;
  votes: EntityTable<VoteRecord, 'id'>;
  images: EntityTable<ImageRecord, 'id'>;
  evalDatasets: EntityTable<EvalDatasetRecord, 'id'>;
  evalRows: Table<EvalRowRecord, [string, number]>;
  evalRuns: EntityTable<EvalRunRecord, 'id'>;
  evalResults: Table<EvalResultRecord, [string, number, string]>;
};

/**
 * 1 → 2: answers get `choices`/`selectedChoice`, conversations get `activeLeafId` (the newest
 * leaf, which is what version 1 showed). Conversations are done one at a time so memory stays
 * bounded by the largest conversation, not the whole history.
 */
async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table<MessageRecordV1 | MessageRecord>('messages')
    .toCollection()
    .modify((message, ref) => {
      ref.value = migrateMessageV1(message as MessageRecordV1);
    });
  const conversations = tx.table<ConversationRecordV1 | ConversationRecord>('conversations');
  const ids = (await conversations.toCollection().primaryKeys()) as string[];
  for (const id of ids) {
    const conversation = (await conversations.get(id)) as ConversationRecordV1;
    const messages = await tx.table<MessageRecord>('messages').where('conversationId').equals(id).toArray();
    await conversations.put(migrateConversationV1(conversation, messages));
  }
}

/** Opens (lazily: Dexie opens on first use) the database called `name`, upgrading it if older. */
export function openStudioDatabase(name: string): StudioDatabase {
  const db = new Dexie(name) as StudioDatabase;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
  db.version(3).stores(SCHEMA_V3);
  db.version(4).stores(SCHEMA_V4);
  db.version(5).stores(SCHEMA_V5);
  return db;
}

let instance: StudioDatabase | null = null;

/** The app's database (one per renderer). */
export function getDatabase(): StudioDatabase {
  instance ??= openStudioDatabase(DB_NAME);
  return instance;
}
