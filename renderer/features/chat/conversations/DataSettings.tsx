import { useId, useRef, useState } from 'react';
import type { ImportCounts, ImportReport } from '../../../core/db/export-import';
import { formatBytes } from '../../../core/images';
import { exportEverything, importFile } from './conversation-files';
import { useConversationsStore } from './conversations-store';
import '../../../styles/conversations.css';

type Outcome =
  | { kind: 'imported'; report: ImportReport }
  | { kind: 'exported'; counts: ImportCounts; bytes: number }
  | { kind: 'error'; message: string }
  | null;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const countParts = (c: ImportCounts): [number, string, string][] => [
  [c.conversations, 'conversation', 'conversations'],
  [c.messages, 'message', 'messages'],
  [c.presets, 'preset', 'presets'],
  [c.prices, 'price', 'prices'],
  [c.completionRuns, 'completion run', 'completion runs'],
  [c.usage, 'usage record', 'usage records'],
  [c.compareSetups, 'comparison setup', 'comparison setups'],
  [c.comparisons, 'comparison', 'comparisons'],
  [c.votes, 'vote', 'votes'],
  [c.images, 'image', 'images'],
];

/** "2 conversations, 14 messages, 1 preset, 3 usage records…": every table the file held something for. */
export function describeCounts(c: ImportCounts): string {
  const parts = countParts(c);
  // The first four always show (so an empty file says "0 conversations"); the rest only when present.
  const shown = parts.filter(([n], i) => i < 4 || n > 0).map(([n, one, many]) => plural(n, one, many));
  return joinParts(shown);
}

const joinParts = (shown: string[]) =>
  shown.length < 2 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;

/** Only the kinds with some records ("1 conversation and 2 messages"). */
function describeNonZero(c: ImportCounts): string {
  return joinParts(
    countParts(c)
      .filter(([n]) => n > 0)
      .map(([n, one, many]) => plural(n, one, many)),
  );
}

/** The sentence after an export: what the file holds and its size (images included). */
export function describeExport(counts: ImportCounts, bytes: number): string {
  return `Exported ${describeNonZero(counts) || 'nothing yet'} (${formatBytes(bytes)}).`;
}

/**
 * The sentence after an import: what was added, and what the file held that was already here
 * (same id, replaced), so re-importing a file does not claim to have imported it again.
 */
export function describeImport({ written, added }: ImportReport): string {
  const existing = Object.fromEntries(
    Object.entries(written).map(([name, n]) => [name, n - added[name as keyof ImportCounts]]),
  ) as ImportCounts;
  const anyAdded = Object.values(added).some((n) => n > 0);
  const alreadyHere = describeNonZero(existing);
  if (!anyAdded && alreadyHere !== '') return `Nothing new: ${alreadyHere} already here.`;
  return `Imported ${describeCounts(added)}${alreadyHere === '' ? '' : `; ${alreadyHere} already here`}.`;
}

/**
 * The Data section of Settings: export everything as one JSON file, import such a file back
 * (merged by id: nothing already here is deleted).
 */
export function DataSettings() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const headingId = useId();

  const exportAllData = async (): Promise<Outcome> => ({ kind: 'exported', ...(await exportEverything()) });

  const run = async (work: () => Promise<Outcome>) => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await work());
    } catch (cause) {
      setOutcome({ kind: 'error', message: cause instanceof Error ? cause.message : String(cause) });
    } finally {
      setBusy(false);
    }
  };

  const onFile = (file: File | undefined) => {
    if (!file) return;
    void run(async () => {
      const report = await importFile(file);
      await useConversationsStore.getState().refresh();
      return { kind: 'imported', report };
    });
    // Cleared so choosing the same file again imports again.
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <section className="data-settings" aria-labelledby={headingId}>
      <h3 id={headingId}>Data</h3>
      <p className="hint">
        Conversations, presets and prices live in this app’s storage on this computer. Export them to keep a
        backup or move them; importing merges by id and never deletes anything.
      </p>
      <div className="row">
        <button type="button" className="button" disabled={busy} onClick={() => void run(exportAllData)}>
          Export all data (JSON)
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => fileInput.current?.click()}>
          Import JSON
        </button>
        {/* Hidden: the button above is the keyboard- and screen-reader-friendly way to open it. */}
        <input
          ref={fileInput}
          hidden
          type="file"
          aria-label="JSON file to import"
          accept="application/json,.json"
          onChange={(e) => onFile(e.target.files?.[0])}
        />
      </div>
      <div role="status" aria-live="polite">
        {outcome?.kind === 'imported' && <p className="notice">{describeImport(outcome.report)}</p>}
        {outcome?.kind === 'exported' && (
          <p className="notice" data-testid="export-summary">
            {describeExport(outcome.counts, outcome.bytes)}
          </p>
        )}
      </div>
      {outcome?.kind === 'error' && (
        <p className="alert alert--inline" role="alert">
          {outcome.message}
        </p>
      )}
    </section>
  );
}
