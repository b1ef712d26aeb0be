import type { GenerationParams, Metrics } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import type {
  CompareSetupRecord,
  ComparisonRecord,
  CompletionRunRecord,
  ConversationRecord,
  ExportedImage,
  MessageRecord,
  MessageStatus,
  PresetRecord,
  PriceRecord,
  UsageRecord,
  VoteRecord,
} from './records';

/*
 * Schema migrations as pure functions. The same functions run in two places: inside Dexie's
 * `.upgrade()` when an older database is opened (database.ts), and on an older export file
 * being imported (export-import.ts). One code path means an old backup and an old database
 * come out identical, and a unit test of these functions covers both.
 *
 * Version history
 * - 1 (0.0.x, the first chat release): a message tree without multiple choices. An assistant
 *   message kept its single `finishReason` at the top level; a conversation did not remember
 *   which branch was on screen (the UI always showed the newest leaf). No price table.
 * - 2: assistant messages carry `choices` + `selectedChoice`; conversations carry
 *   `activeLeafId`; user-edited prices have a table.
 * - 3: new tables only, existing records unchanged: completion runs,
 *   usage (one row per finished response, for cost and budgets), compare setups,
 *   comparisons and blind-mode votes. A version 2 database or export gains them empty.
 *   Later, still version 3 (optional fields, no index touched, nothing to migrate): a
 *   choice of an answer and a comparison answer may carry `reasoning` and `items`.
 * - 4: a new `images` table holds attached pictures' bytes as Blobs; a user message
 *   may carry `attachments` (their metadata) and a comparison `turnImages`. A version 3
 *   database or export gains it empty (an export file holds the bytes as base64).
 * - 5 (current): new tables only, for the Evaluate view: `evalDatasets`, `evalRows`,
 *   `evalRuns`, `evalResults` (eval-records.ts). A version 4 database gains them empty. The
 *   "all data" export leaves them out (datasets come from files the user has; results have
 *   their own CSV/JSONL exports), so a version 5 export file has version 4's body.
 */

/** A conversation as version 1 stored it: no `activeLeafId`. */
export interface ConversationRecordV1 {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  workspaceId?: string | null;
  endpoint: string | null;
  systemPrompt: string;
  params: GenerationParams;
}

/** A message as version 1 stored it: one answer per message, its finish reason at the top. */
export interface MessageRecordV1 {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: 'user' | 'assistant';
  content: string;
  createdAt: number;
  status?: MessageStatus;
  finishReason?: string | null;
  endpoint?: string;
  params?: GenerationParams;
  model?: string | null;
  metrics?: Metrics | null;
  error?: StudioError | null;
  synthetic?: boolean;
  costUsd?: number | null;
}

/** The rows of version 2's tables (version 1's too, with its own record shapes). */
export interface SnapshotV2<C = ConversationRecord, M = MessageRecord> {
  conversations: C[];
  messages: M[];
  presets: PresetRecord[];
  prices: PriceRecord[];
}

/** Version 3's tables' rows. */
export interface SnapshotV3 extends SnapshotV2 {
  completionRuns: CompletionRunRecord[];
  usage: UsageRecord[];
  compareSetups: CompareSetupRecord[];
  comparisons: ComparisonRecord[];
  votes: VoteRecord[];
}

/** Every table's rows (current schema), as held in an export file (pictures as base64). */
export interface Snapshot extends SnapshotV3 {
  images: ExportedImage[];
}

/** Version 1 → 2 for one message: the single answer becomes choice 0, nothing dropped. */
export function migrateMessageV1(message: MessageRecordV1): MessageRecord {
  const { finishReason, ...rest } = message;
  if (message.role === 'user') return rest;
  return {
    ...rest,
    // Version 1 wrote no status for finished answers: absence meant done.
    status: message.status ?? 'done',
    choices: [{ text: message.content, finishReason: finishReason ?? null }],
    selectedChoice: 0,
  };
}

/**
 * The newest leaf (a message nobody answers) of a conversation: what version 1 showed on
 * screen, so choosing it as `activeLeafId` keeps the same branch visible after the upgrade.
 * Ties on `createdAt` go to the larger id so the result does not depend on row order.
 */
export function latestLeafId(messages: ReadonlyArray<Pick<MessageRecord, 'id' | 'parentId' | 'createdAt'>>) {
  const parents = new Set(messages.map((m) => m.parentId));
  let best: (typeof messages)[number] | null = null;
  for (const m of messages) {
    if (parents.has(m.id)) continue;
    if (!best || m.createdAt > best.createdAt || (m.createdAt === best.createdAt && m.id > best.id)) best = m;
  }
  return best?.id ?? null;
}

/** Version 1 → 2 for one conversation, given its (any-version) messages. */
export function migrateConversationV1(
  conversation: ConversationRecordV1,
  messages: ReadonlyArray<Pick<MessageRecord, 'id' | 'parentId' | 'createdAt'>>,
): ConversationRecord {
  return {
    ...conversation,
    workspaceId: conversation.workspaceId ?? null,
    activeLeafId: latestLeafId(messages),
  };
}

/** Version 1 → 2 for a whole snapshot (an export file's content). */
export function migrateSnapshotV1(
  snapshot:
    | SnapshotV2<ConversationRecordV1, MessageRecordV1>
    | Omit<SnapshotV2<ConversationRecordV1, MessageRecordV1>, 'prices'>,
): SnapshotV2 {
  const byConversation = groupBy(snapshot.messages, (m) => m.conversationId);
  return {
    conversations: snapshot.conversations.map((c) =>
      migrateConversationV1(c, byConversation.get(c.id) ?? []),
    ),
    messages: snapshot.messages.map(migrateMessageV1),
    presets: snapshot.presets,
    prices: 'prices' in snapshot ? snapshot.prices : [],
  };
}

/** Version 2 → 3 for a whole snapshot: the new tables start empty, nothing else changes. */
export function migrateSnapshotV2(snapshot: SnapshotV2): SnapshotV3 {
  return { ...snapshot, completionRuns: [], usage: [], compareSetups: [], comparisons: [], votes: [] };
}

/** Version 3 → 4 for a whole snapshot: no pictures yet, nothing else changes. */
export function migrateSnapshotV3(snapshot: SnapshotV3): Snapshot {
  return { ...snapshot, images: [] };
}

/** Groups rows by a key, keeping their order. */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
