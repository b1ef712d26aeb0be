import { useId, useMemo, useRef, useState } from 'react';
import type { GenerationParams } from '../../../shared/domain';
import { TOOL_STEP_LIMIT } from '../../../shared/limits';
import { DEFAULT_MAX_TOOL_STEPS } from '../../../shared/request-body';
import { downloadText, fileDate } from '../../core/download';
import { Dialog } from '../Dialog';
import {
  applyToolSet,
  blankTool,
  CHOICE_KEYWORDS,
  draftOf,
  EXAMPLE_TOOLS,
  exportToolSet,
  maxStepsProblem,
  parseToolSet,
  setProblems,
  type ToolDraft,
  type ToolSetDraft,
  toolProblems,
  toolSetDraft,
} from './tool-set';
import '../../styles/tools.css';

/** One tool's form: name, description, parameters (live-checked), strict, mock results. */
function ToolForm({
  tools,
  index,
  onChange,
  onRemove,
}: {
  tools: readonly ToolDraft[];
  index: number;
  onChange(next: ToolDraft): void;
  onRemove(): void;
}) {
  const id = useId();
  const tool = tools[index] as ToolDraft;
  const problems = toolProblems(tools, index);
  const set = (patch: Partial<ToolDraft>) => onChange({ ...tool, ...patch });
  return (
    <div className="tool-form" data-testid="tool-form">
      <div className="tool-form__row">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={tool.name}
          spellCheck={false}
          aria-invalid={problems.name !== null}
          onChange={(e) => set({ name: e.target.value })}
        />
        <button type="button" className="button button--small button--danger" onClick={onRemove}>
          Remove tool
        </button>
      </div>
      {problems.name && (
        <p className="param__error" role="alert">
          {problems.name}
        </p>
      )}
      <label htmlFor={`${id}-desc`}>Description</label>
      <textarea
        id={`${id}-desc`}
        rows={2}
        value={tool.description}
        placeholder="What the tool does, so the model knows when to call it"
        onChange={(e) => set({ description: e.target.value })}
      />
      <label htmlFor={`${id}-params`}>Parameters (JSON Schema)</label>
      <textarea
        id={`${id}-params`}
        className="tool-form__code"
        rows={8}
        spellCheck={false}
        value={tool.parameters}
        aria-invalid={problems.parameters.length > 0}
        aria-describedby={`${id}-params-problems`}
        onChange={(e) => set({ parameters: e.target.value })}
      />
      <div id={`${id}-params-problems`} data-testid="schema-problems">
        {problems.parameters.length > 0 && (
          <ul className="param__error tool-form__problems" role="alert">
            {problems.parameters.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>
      <label className="tool-form__check">
        <input type="checkbox" checked={tool.strict} onChange={(e) => set({ strict: e.target.checked })} />
        Strict (the model must follow the schema exactly)
      </label>
      <p className="muted tool-form__hint">Only GPT models accept Strict; others refuse the request.</p>
      <MockResults mocks={tool.mocks} onChange={(mocks) => set({ mocks })} />
    </div>
  );
}

/** The tool's saved results: answered by hand from the picker, or by mock mode (the first). */
function MockResults({ mocks, onChange }: { mocks: string[]; onChange(next: string[]): void }) {
  return (
    <fieldset className="tool-form__mocks">
      <legend>Mock results</legend>
      <p className="muted tool-form__hint">
        JSON or text the app answers a call with. Mock mode uses the first; the others can be picked by hand.
      </p>
      {mocks.map((mock, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is edited in place
        <div key={i} className="tool-form__mock">
          <textarea
            aria-label={`Mock result ${i + 1}`}
            className="tool-form__code"
            rows={2}
            spellCheck={false}
            value={mock}
            onChange={(e) => onChange(mocks.map((m, j) => (j === i ? e.target.value : m)))}
          />
          <button
            type="button"
            className="button button--small button--ghost"
            aria-label={`Remove mock result ${i + 1}`}
            onClick={() => onChange(mocks.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="button button--small" onClick={() => onChange([...mocks, ''])}>
        Add mock result
      </button>
    </fieldset>
  );
}

/** Tool choice, mock mode and max steps. */
function LoopSettings({ draft, set }: { draft: ToolSetDraft; set(patch: Partial<ToolSetDraft>): void }) {
  const id = useId();
  const stepsProblem = maxStepsProblem(draft.maxSteps);
  return (
    <div className="tools-editor__settings">
      <div className="tools-editor__setting">
        <label htmlFor={`${id}-choice`}>Tool choice</label>
        <select id={`${id}-choice`} value={draft.choice} onChange={(e) => set({ choice: e.target.value })}>
          <option value="auto">auto (the model decides)</option>
          <option value="none">none (never call)</option>
          <option value="required">required (must call one)</option>
          {draft.tools
            .filter((t) => t.name !== '' && !(CHOICE_KEYWORDS as readonly string[]).includes(t.name))
            .map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} (must call it)
              </option>
            ))}
          {!(CHOICE_KEYWORDS as readonly string[]).includes(draft.choice) &&
            !draft.tools.some((t) => t.name === draft.choice) && (
              <option value={draft.choice}>{draft.choice} (not a tool)</option>
            )}
        </select>
      </div>
      <div className="tools-editor__setting">
        <label className="tool-form__check">
          <input
            type="checkbox"
            role="switch"
            aria-checked={draft.mock}
            checked={draft.mock}
            onChange={(e) => set({ mock: e.target.checked })}
          />
          Mock mode
        </label>
        <span className="muted tool-form__hint">Answer every call from the mock results, unattended.</span>
      </div>
      <div className="tools-editor__setting">
        <label htmlFor={`${id}-steps`}>Max steps</label>
        <input
          id={`${id}-steps`}
          className="param__number"
          inputMode="numeric"
          value={draft.maxSteps}
          placeholder={String(DEFAULT_MAX_TOOL_STEPS)}
          aria-invalid={stepsProblem !== null}
          onChange={(e) => set({ maxSteps: e.target.value })}
        />
        <span className="muted tool-form__hint">
          {stepsProblem ?? `Model steps one answer may take (${TOOL_STEP_LIMIT.min}–${TOOL_STEP_LIMIT.max}).`}
        </span>
      </div>
    </div>
  );
}

/** Add a blank tool or an example; import and export the set. */
function SetActions({
  draft,
  add,
  onImport,
  saved,
}: {
  draft: ToolSetDraft;
  add(tool: ToolDraft): void;
  onImport(text: string): void;
  saved: GenerationParams;
}) {
  const file = useRef<HTMLInputElement>(null);
  const names = draft.tools.map((t) => t.name);
  return (
    <div className="tools-editor__actions row">
      <button type="button" className="button button--small" onClick={() => add(blankTool(names))}>
        Add tool
      </button>
      <select
        aria-label="Add an example tool"
        value=""
        onChange={(e) => {
          const example = EXAMPLE_TOOLS.find((t) => t.name === e.target.value);
          if (example) add(draftOf(example));
        }}
      >
        <option value="">Add an example…</option>
        {EXAMPLE_TOOLS.map((t) => (
          <option key={t.name} value={t.name} disabled={names.includes(t.name)}>
            {t.name}
          </option>
        ))}
      </select>
      <button type="button" className="button button--small" onClick={() => file.current?.click()}>
        Import…
      </button>
      <input
        ref={file}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="tools-import-file"
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          e.target.value = '';
          if (chosen) void chosen.text().then(onImport);
        }}
      />
      <button
        type="button"
        className="button button--small"
        disabled={!saved.tools?.length}
        title="The saved tool set, as JSON"
        onClick={() => downloadText(`tools-${fileDate()}.json`, exportToolSet(saved), 'application/json')}
      >
        Export
      </button>
    </div>
  );
}

/**
 * The tools editor: the functions the model may call (JSON Schema parameters, checked as they
 * are typed), their mock results, the tool choice, mock mode and the step cap. Edits stay in
 * the dialog until Save (disabled while anything is invalid) puts them in the parameters.
 */
export function ToolsEditor({
  params,
  onChange,
  onClose,
}: {
  params: GenerationParams;
  onChange(next: GenerationParams): void;
  onClose(): void;
}) {
  const [draft, setDraft] = useState(() => toolSetDraft(params));
  const [selected, setSelected] = useState(0);
  const [importError, setImportError] = useState<string | null>(null);
  const [importNote, setImportNote] = useState<string | null>(null);
  const problems = useMemo(() => setProblems(draft), [draft]);
  const set = (patch: Partial<ToolSetDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const index = Math.min(selected, draft.tools.length - 1);

  const add = (tool: ToolDraft) => {
    setDraft((d) => ({ ...d, tools: [...d.tools, tool] }));
    setSelected(draft.tools.length);
  };
  const onImport = (text: string) => {
    const result = parseToolSet(text);
    if (!result.ok) {
      setImportError(`Nothing was imported: ${result.error}`);
      setImportNote(null);
      return;
    }
    setImportError(null);
    setImportNote(
      `Imported ${result.tools.length} tool${result.tools.length === 1 ? '' : 's'}; Save to keep them.`,
    );
    setDraft((d) => ({ ...d, tools: result.tools.map(draftOf), choice: 'auto' }));
    setSelected(0);
  };

  return (
    <Dialog title="Tools" onClose={onClose} size="wide" testId="tools-editor">
      <div className="tools-editor">
        <SetActions draft={draft} add={add} onImport={onImport} saved={params} />
        {importError && (
          <p className="alert" role="alert" data-testid="tools-import-error">
            {importError}
          </p>
        )}
        {importNote && (
          <p className="notice" role="status">
            {importNote}
          </p>
        )}
        {draft.tools.length === 0 ? (
          <p className="muted">No tools yet: add one, an example, or import a set.</p>
        ) : (
          <div className="tools-editor__body">
            <ul className="tools-editor__list" aria-label="Tools">
              {draft.tools.map((tool, i) => {
                const p = toolProblems(draft.tools, i);
                const bad = p.name !== null || p.parameters.length > 0;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: names change as they are typed
                  <li key={i}>
                    <button
                      type="button"
                      className="tools-editor__item"
                      aria-current={i === index}
                      onClick={() => setSelected(i)}
                    >
                      <code>{tool.name || '(unnamed)'}</code>
                      {bad && <span className="badge badge--warn">fix</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
            <ToolForm
              // A fresh form per tool: its ids and focus belong to it.
              key={index}
              tools={draft.tools}
              index={index}
              onChange={(next) => set({ tools: draft.tools.map((t, i) => (i === index ? next : t)) })}
              onRemove={() => {
                set({ tools: draft.tools.filter((_, i) => i !== index) });
                setSelected(Math.max(0, index - 1));
              }}
            />
          </div>
        )}
        <LoopSettings draft={draft} set={set} />
        <div className="tools-editor__footer row">
          {problems.length > 0 && (
            <span className="param__error" data-testid="tools-problems">
              {problems[0]}
              {problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}
            </span>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={problems.length > 0}
            onClick={() => {
              onChange(applyToolSet(params, draft));
              onClose();
            }}
          >
            Save
          </button>
        </div>
      </div>
    </Dialog>
  );
}
