import { THEME_CHOICES, useThemeStore } from './theme-store';

/**
 * The "Theme" setting: a radio group System / Light / Dark. A native fieldset of radios, so
 * arrow keys move between the choices and screen readers announce the group.
 */
export function ThemeSetting() {
  const choice = useThemeStore((s) => s.choice);
  const setChoice = useThemeStore((s) => s.setChoice);
  return (
    <fieldset className="theme-setting" data-testid="theme-setting">
      <legend>Theme</legend>
      {THEME_CHOICES.map(({ value, label }) => (
        <label key={value} className="theme-setting__choice">
          <input
            type="radio"
            name="ui-theme"
            value={value}
            checked={choice === value}
            onChange={() => setChoice(value)}
          />
          {label}
        </label>
      ))}
      <p className="hint">System follows your operating system's light or dark mode.</p>
    </fieldset>
  );
}
