import { type HTMLAttributes, type SyntheticEvent, useId, useMemo, useState } from 'react';
import type { ResponseFormat } from '../../../shared/domain';
import { Dialog } from '../Dialog';
import { checkDraft, exampleDraft, SCHEMA_EXAMPLES, type SchemaDraft } from './response-format';
import '../../styles/structured-answer.css';

/** Props of the schema editor. */
export interface ResponseFormatDialogProps {
  /** What the editor opens with (the saved schema, unsaved changes kept from before, or an example). */
  initial: SchemaDraft;
  /** True when `initial` holds changes that were never saved (offers to discard them). */
  unsaved: boolean;
  /** The saved schema's draft, what "Discard changes" goes back to. */
  saved: SchemaDraft;
  onSave(format: ResponseFormat): void;
  /** Closed without saving: the draft as it was, so reopening shows it again. */
  onClose(draft: SchemaDraft): void;
}

/*
 * The editor can open inside another dialog (a compare pane's parameters). React bubbles a
 * dialog's `cancel` and `close` events through the component tree, so Esc here would also
 * close the dialog around it; they stop at this wrapper.
 */
const stop = (e: SyntheticEvent) => e.stopPropagation();
const contained = {
  onCancel: stop,
  onClose: stop,
  style: { display: 'contents' },
} as HTMLAttributes<HTMLDivElement>;

/**
 * The JSON schema editor: name, description, Strict, and the schema as JSON text, checked as
 * it is typed (`schemaProblems`: it must parse, be a usable schema, and have an object root).
 * Save stays disabled while anything is wrong and every problem is listed; what the user
 * typed is never thrown away: an example replaces it only with an Undo, and closing keeps it.
 */
export function ResponseFormatDialog({
  initial,
  unsaved,
  saved,
  onSave,
  onClose,
}: ResponseFormatDialogProps) {
  const id = useId();
  const [draft, setDraft] = useState<SchemaDraft>(initial);
  const [undo, setUndo] = useState<{ draft: SchemaDraft; label: string } | null>(null);
  const [kept, setKept] = useState(unsaved);
  const checked = useMemo(() => checkDraft(draft), [draft]);
  const edit = (patch: Partial<SchemaDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const applyExample = (index: number) => {
    const example = SCHEMA_EXAMPLES[index];
    if (!example) return;
    setUndo({ draft, label: example.label });
    setDraft(exampleDraft(example, draft.strict));
  };
  const save = () => {
    if ('format' in checked) onSave(checked.format);
  };
  return (
    <div {...contained}>
      <Dialog title="Response schema" onClose={() => onClose(draft)} size="wide" testId="schema-editor">
        <form
          className="schema-editor"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          {kept && (
            <p className="notice" role="status">
              Your unsaved changes from before.{' '}
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => {
                  setDraft(saved);
                  setKept(false);
                }}
              >
                Discard changes
              </button>
            </p>
          )}
          <div className="schema-editor__examples">
            <span className="muted">Start from an example:</span>
            {SCHEMA_EXAMPLES.map((example, i) => (
              <button
                key={example.name}
                type="button"
                className="button button--small"
                onClick={() => applyExample(i)}
              >
                {example.label}
              </button>
            ))}
            {undo && (
              <span role="status">
                Replaced your schema with “{undo.label}”.{' '}
                <button
                  type="button"
                  className="button button--small button--ghost"
                  onClick={() => {
                    setDraft(undo.draft);
                    setUndo(null);
                  }}
                >
                  Undo
                </button>
              </span>
            )}
          </div>
          <div className="schema-editor__row">
            <label>
              Name
              <input
                value={draft.name}
                spellCheck={false}
                autoComplete="off"
                placeholder="person"
                onChange={(e) => edit({ name: e.target.value })}
              />
            </label>
            <label>
              Description (optional)
              <input
                value={draft.description}
                autoComplete="off"
                onChange={(e) => edit({ description: e.target.value })}
              />
            </label>
          </div>
          <label className="schema-editor__check">
            <input
              type="checkbox"
              checked={draft.strict}
              onChange={(e) => edit({ strict: e.target.checked })}
            />
            Strict (the model must follow the schema exactly)
          </label>
          <label>
            Schema (JSON)
            <textarea
              value={draft.schemaText}
              spellCheck={false}
              aria-describedby={`${id}-check`}
              aria-invalid={checked.problems.length > 0}
              onChange={(e) => edit({ schemaText: e.target.value })}
            />
          </label>
          <div id={`${id}-check`} aria-live="polite">
            {checked.problems.length > 0 ? (
              <ul className="schema-editor__problems" data-testid="schema-problems">
                {checked.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : (
              <p className="schema-editor__ok" data-testid="schema-ok">
                ✓ A valid schema with an object root.
              </p>
            )}
          </div>
          <div className="schema-editor__footer">
            <button type="button" className="button button--ghost" onClick={() => onClose(draft)}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={checked.problems.length > 0}>
              Save
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
