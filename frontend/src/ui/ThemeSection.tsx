import { useId } from "react";
import { RadioGroup } from "./Field";
import { setThemeChoice, useThemeChoice, type ThemeChoice } from "./theme";

/** Light, dark, or as the system says; kept on this device only. */
export function ThemeSection() {
  const headingId = useId();
  const choice = useThemeChoice();
  return (
    <section className="card theme-choice" aria-labelledby={headingId}>
      <h2 id={headingId}>Appearance</h2>
      <RadioGroup<ThemeChoice>
        legend="Theme on this device"
        name="theme"
        value={choice}
        onChange={setThemeChoice}
        hint="Dark is easier on the eyes in the evening. This is kept on this device only."
        options={[
          { value: "system", label: "Like my device's setting" },
          { value: "light", label: "Light" },
          { value: "dark", label: "Dark" },
        ]}
      />
    </section>
  );
}
