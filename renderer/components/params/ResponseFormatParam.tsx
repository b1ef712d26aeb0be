import { useId, useState } from 'react';
import type { ResponseFormat } from '../../../shared/domain';
import type { ModelCapabilities } from '../../../shared/model-capabilities';
import { ResponseFormatDialog } from './ResponseFormatDialog';
import {
  choiceOf,
  draftOf,
  type FormatChoice,
  formatRefusal,
  formatSummary,
  refusalText,
  type SchemaDraft,
} from './response-format';

/** Props of the response-format control. */
export interface ResponseFormatParamProps {
  value: ResponseFormat | undefined;
  /** Undefined for Text: unset sends nothing. */
  onChange(next: ResponseFormat | undefined): void;
  /** What the endpoints these parameters go to can do (says where a format can't be sent). */
  capabilities: readonly ModelCapabilities[];
}

const sameDraft = (a: SchemaDraft, b: SchemaDraft) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Response format: Text (the default: nothing sent), JSON object, or JSON schema (edited in a
 * dialog: name, description, strict, the schema). Switching away from a schema and back
 * restores it; closing the editor keeps what was typed. On endpoints known to take no
 * response format the control says so (and `applicableParams` leaves it out of the request).
 */
export function ResponseFormatParam({ value, onChange, capabilities }: ResponseFormatParamProps) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  // The last schema this control held, so Text → JSON schema brings it back.
  const [remembered, setRemembered] = useState<ResponseFormat | undefined>(
    value?.type === 'json_schema' ? value : undefined,
  );
  // What the editor held when it was closed without saving.
  const [unsaved, setUnsaved] = useState<SchemaDraft | null>(null);
  const choice = choiceOf(value);
  const refusal = formatRefusal(capabilities);
  const savedDraft = draftOf(value?.type === 'json_schema' ? value : remembered);

  const select = (next: FormatChoice) => {
    if (value?.type === 'json_schema') setRemembered(value);
    if (next === 'text') onChange(undefined);
    else if (next === 'json_object') onChange({ type: 'json_object' });
    else if (value?.type !== 'json_schema') {
      if (remembered) onChange(remembered);
      else setEditing(true);
    }
  };

  return (
    <div className="param param--format" data-param="response_format" data-set={choice !== 'text'}>
      <div className="param__head">
        <label htmlFor={id} className="param__label">
          Response format
        </label>
      </div>
      <div className="param__format-row">
        <select
          id={id}
          className="param__select"
          value={choice}
          aria-describedby={`${id}-hint`}
          onChange={(e) => select(e.target.value as FormatChoice)}
        >
          <option value="text">Text (default)</option>
          <option value="json_object">JSON object</option>
          <option value="json_schema">JSON schema…</option>
        </select>
        {choice === 'json_schema' && (
          <button type="button" className="button button--small" onClick={() => setEditing(true)}>
            Edit schema
          </button>
        )}
      </div>
      <div id={`${id}-hint`} className="param__hint muted" data-testid="format-summary">
        {formatSummary(value)}
      </div>
      {refusal && (
        <p className="param__refusal" role="note" data-testid="format-refusal">
          {refusalText(refusal)}
        </p>
      )}
      {editing && (
        <ResponseFormatDialog
          initial={unsaved ?? savedDraft}
          unsaved={unsaved !== null}
          saved={savedDraft}
          onSave={(format) => {
            setUnsaved(null);
            setRemembered(format);
            setEditing(false);
            onChange(format);
          }}
          onClose={(draft) => {
            setUnsaved(sameDraft(draft, savedDraft) ? null : draft);
            setEditing(false);
          }}
        />
      )}
    </div>
  );
}
