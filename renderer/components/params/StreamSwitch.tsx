import { useId } from 'react';

/** Props of the Stream switch. */
export interface StreamSwitchProps {
  /** The parameters' `stream`: undefined (or true) streams; false asks for one JSON answer. */
  value: boolean | undefined;
  /** Undefined when switched back on: streaming is the default, so nothing extra is remembered. */
  onChange(value: false | undefined): void;
}

/**
 * The *Stream* switch: on (the default) shows tokens as they come; off sends `"stream": false`
 * and shows the one JSON answer when it is complete, which some endpoints and debugging
 * sessions need. The answer, its metrics and its cost are shown the same way either way.
 */
export function StreamSwitch({ value, onChange }: StreamSwitchProps) {
  const id = useId();
  const on = value !== false;
  return (
    <div className="param param--stream" data-param="stream" data-set={!on}>
      <div className="param__head">
        <label className="param__label param__switch">
          <input
            type="checkbox"
            role="switch"
            aria-checked={on}
            checked={on}
            aria-describedby={`${id}-hint`}
            onChange={(e) => onChange(e.target.checked ? undefined : false)}
          />
          Stream
        </label>
      </div>
      <div id={`${id}-hint`} className="param__hint muted">
        {on ? 'On: tokens as they come.' : 'Off: one JSON answer, no tokens as they come.'}
      </div>
    </div>
  );
}
