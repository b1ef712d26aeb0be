import { useEffect, useId, useState } from 'react';
import type { GenerationParams } from '../../../shared/domain';
import type { PresetRecord } from '../../core/db/records';
import { usePresetsStore } from '../../core/stores/presets-store';
import { Dialog } from '../Dialog';
import { describeParams } from './param-chips';
import '../../styles/params.css';

/** Props of the preset menu. */
export interface PresetMenuProps {
  systemPrompt: string;
  params: GenerationParams;
  /** Called with the preset to apply (its system prompt and parameters). */
  onLoad(preset: PresetRecord): void;
  /**
   * The preset new conversations start from (chat), and how to choose it; absent: no Default
   * button.
   */
  startPreset?: { current: { id: string; name: string } | null; choose(preset: PresetRecord | null): void };
}

/**
 * Presets, compact enough for a toolbar: pick one and Load (or Delete) it; "Save preset"
 * opens a small dialog that names the current system prompt + parameters (saving under an
 * existing name replaces that preset).
 */
export function PresetMenu({ systemPrompt, params, onLoad, startPreset }: PresetMenuProps) {
  const id = useId();
  const presets = usePresetsStore((s) => s.presets);
  const loaded = usePresetsStore((s) => s.loaded);
  const error = usePresetsStore((s) => s.error);
  const load = usePresetsStore((s) => s.load);
  const remove = usePresetsStore((s) => s.remove);
  const [selected, setSelected] = useState('');
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const chosen = presets.find((p) => p.id === selected) ?? presets[0];

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);

  const onLoadClick = () => {
    if (!chosen) return;
    onLoad(chosen);
    setStatus(`Loaded "${chosen.name}".`);
  };

  return (
    <div className="preset-menu" data-testid="preset-menu">
      <div className="preset-menu__row">
        <label htmlFor={`${id}-pick`} className="visually-hidden">
          Preset
        </label>
        <select
          id={`${id}-pick`}
          value={chosen?.id ?? ''}
          disabled={presets.length === 0}
          title={
            chosen
              ? `${chosen.systemPrompt ? 'System prompt + ' : ''}${describeParams(chosen.params)}`
              : undefined
          }
          onChange={(e) => setSelected(e.target.value)}
        >
          {presets.length === 0 && <option value="">No presets</option>}
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--small"
          aria-label="Load preset"
          disabled={!chosen}
          onClick={onLoadClick}
        >
          Load
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          disabled={!chosen}
          aria-label="Delete preset"
          onClick={() => chosen && void remove(chosen.id).then(() => setStatus(`Deleted "${chosen.name}".`))}
        >
          Delete
        </button>
        <button
          type="button"
          className="button button--small"
          aria-label="Save preset"
          onClick={() => setSaving(true)}
        >
          Save
        </button>
        {startPreset && (
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label="Default for new conversations"
            aria-pressed={chosen !== undefined && startPreset.current?.id === chosen.id}
            disabled={!chosen}
            title={
              startPreset.current
                ? `New conversations start from "${startPreset.current.name}". Click on that preset to start from the server's defaults instead.`
                : "New conversations start from the server's defaults. Click to start them from this preset."
            }
            onClick={() => {
              if (!chosen) return;
              const isDefault = startPreset.current?.id === chosen.id;
              startPreset.choose(isDefault ? null : chosen);
              setStatus(
                isDefault
                  ? 'New conversations start from the server defaults.'
                  : `New conversations start from "${chosen.name}".`,
              );
            }}
          >
            {chosen !== undefined && startPreset.current?.id === chosen.id ? '★ Default' : 'Default'}
          </button>
        )}
      </div>
      <span className="visually-hidden" aria-live="polite" data-testid="preset-status">
        {status}
      </span>
      {error && (
        <div role="alert" className="param__error">
          {error}
        </div>
      )}
      <Dialog open={saving} title="Save preset" onClose={() => setSaving(false)}>
        <SavePresetForm
          systemPrompt={systemPrompt}
          params={params}
          onSaved={(preset) => {
            setSelected(preset.id);
            setSaving(false);
            setStatus(`Saved "${preset.name}".`);
          }}
        />
      </Dialog>
    </div>
  );
}

/** The save dialog's body: a name, and what will be saved. */
function SavePresetForm({
  systemPrompt,
  params,
  onSaved,
}: {
  systemPrompt: string;
  params: GenerationParams;
  onSaved(preset: PresetRecord): void;
}) {
  const id = useId();
  const save = usePresetsStore((s) => s.save);
  const [name, setName] = useState('');
  return (
    <form
      className="preset-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save(name, systemPrompt, params).then((saved) => saved && onSaved(saved));
      }}
    >
      <label htmlFor={`${id}-name`}>Preset name</label>
      <input
        id={`${id}-name`}
        type="text"
        value={name}
        maxLength={100}
        placeholder="e.g. Deterministic code"
        onChange={(e) => setName(e.target.value)}
      />
      <p className="muted">
        Saves the system prompt ({systemPrompt.trim() ? `${systemPrompt.length} characters` : 'empty'}) and{' '}
        {describeParams(params)}. A preset with the same name is replaced.
      </p>
      <div className="row">
        <button type="submit" className="button button--primary button--small" disabled={name.trim() === ''}>
          Save
        </button>
      </div>
    </form>
  );
}
