import "./checkins.css";
import { useId } from "react";

interface ChoiceOption<T extends string | number> {
  value: T;
  label: string;
  decoration?: string;
}

interface ChoicesProps<T extends string | number> {
  legend: string;
  name: string;
  value: T | null;
  options: ChoiceOption<T>[];
  onChange: (value: T) => void;
  error?: string | undefined;
  hint?: string;
  inline?: boolean;
}

/** Radio buttons in a fieldset; an optional decoration (an emoji) is hidden from screen readers. */
export function Choices<T extends string | number>({
  legend,
  name,
  value,
  options,
  onChange,
  error,
  hint,
  inline = false,
}: ChoicesProps<T>) {
  const errorId = useId();
  const hintId = useId();
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      className={["field", "radios", inline ? "choices--inline" : "", error ? "field--error" : ""].join(" ").trim()}
      id={`field-${name}`}
      aria-describedby={describedBy}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="choices">
        {options.map((option) => {
          const id = `field-${name}-${option.value}`;
          return (
            <div className="radio choice" key={String(option.value)}>
              <input
                id={id}
                type="radio"
                className="radio__input"
                name={name}
                value={String(option.value)}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
              />
              {option.decoration ? (
                <span className="choice__decoration" aria-hidden="true">
                  {option.decoration}
                </span>
              ) : null}
              <label className="radio__label" htmlFor={id}>
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
