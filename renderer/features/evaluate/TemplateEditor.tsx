import { Fragment } from 'react';
import { type TemplatePart, templateParts } from '../../../shared/eval-template';
import { useEvaluateStore } from './evaluate-store';

/** Each part with where it starts in the text (its key: parts have no other identity). */
function withOffsets(parts: TemplatePart[]): { part: TemplatePart; at: number }[] {
  let at = 0;
  return parts.map((part) => {
    const start = at;
    at += part.kind === 'text' ? part.text.length : part.raw.length;
    return { part, at: start };
  });
}

/** A template text with its placeholders marked: known columns green, unknown ones red. */
function Highlighted({ text, columns }: { text: string; columns: readonly string[] | null }) {
  const known = new Set(columns ?? []);
  return (
    <>
      {withOffsets(templateParts(text)).map(({ part, at: i }) =>
        part.kind === 'text' ? (
          <Fragment key={i}>{part.text}</Fragment>
        ) : (
          <mark
            key={i}
            className={`ev-var ${known.has(part.name) ? 'ev-var--ok' : 'ev-var--unknown'}`}
            title={known.has(part.name) ? `Column "${part.name}"` : `No column "${part.name}" in the dataset`}
          >
            {part.raw}
          </mark>
        ),
      )}
    </>
  );
}

/** The system and user templates, with the placeholders highlighted below each. */
export function TemplateEditor({ disabled }: { disabled: boolean }) {
  const template = useEvaluateStore((s) => s.template);
  const setTemplate = useEvaluateStore((s) => s.setTemplate);
  const columns = useEvaluateStore((s) => s.dataset?.columns ?? null);
  return (
    <section className="ev-card" aria-labelledby="ev-template-title">
      <h3 id="ev-template-title">Prompt template</h3>
      <p className="hint">
        Write <code>{'{{column}}'}</code> where a row's value goes.
        {columns && columns.length > 0 && <> Columns: {columns.map((c) => `{{${c}}}`).join(' ')}</>}
      </p>
      <label className="ev-label" htmlFor="ev-system">
        System
      </label>
      <textarea
        id="ev-system"
        className="ev-textarea"
        rows={2}
        value={template.system}
        disabled={disabled}
        placeholder="You are a careful assistant."
        onChange={(e) => setTemplate({ system: e.target.value })}
      />
      {template.system.includes('{{') && (
        <p className="ev-highlight" data-testid="ev-system-highlight">
          <Highlighted text={template.system} columns={columns} />
        </p>
      )}
      <label className="ev-label" htmlFor="ev-user">
        User
      </label>
      <textarea
        id="ev-user"
        className="ev-textarea"
        rows={3}
        value={template.user}
        disabled={disabled}
        placeholder="Answer with one word: {{question}}"
        onChange={(e) => setTemplate({ user: e.target.value })}
      />
      {template.user !== '' && (
        <p className="ev-highlight" data-testid="ev-user-highlight">
          <Highlighted text={template.user} columns={columns} />
        </p>
      )}
    </section>
  );
}
