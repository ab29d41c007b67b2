// Theme: follow the system, or pin light or dark (stored in this browser).
import { useState } from "react";
import { applyTheme, storedTheme, type Theme } from "../../app/theme";

const THEMES: { value: Theme; label: string; hint: string }[] = [
  { value: "system", label: "System", hint: "Follows your device's light or dark setting" },
  { value: "light", label: "Light", hint: "Dark text on a light background" },
  { value: "dark", label: "Dark", hint: "Light text on a dark background" },
];

export function AppearanceSection() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  return (
    <section className="settings-section" aria-labelledby="appearance-title">
      <header>
        <div>
          <h2 id="appearance-title">Appearance</h2>
          <p>Saved in this browser. You can also switch it from the command palette (Ctrl K).</p>
        </div>
      </header>
      <fieldset className="profile-themes">
        <legend className="visually-hidden">Theme</legend>
        {THEMES.map((option) => (
          <label key={option.value} className={`profile-theme profile-theme-${option.value}`}>
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={theme === option.value}
              onChange={() => {
                applyTheme(option.value);
                setTheme(option.value);
              }}
            />
            <span className="profile-theme-swatch" aria-hidden="true" />
            <span className="profile-theme-text">
              <strong>{option.label}</strong>
              <span>{option.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}
