import { useId } from "react";

interface ScaleChoiceProps {
  label: string;
  name: string;
  /** null is "not rated": the honest start, never turned into 0. */
  value: number | null;
  onChange: (value: number | null) => void;
  low: string;
  high: string;
  hint?: string;
}

const STEPS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/**
 * A 0-10 rating as a row of radio buttons, starting at "Not rated", labelled in words at both ends.
 * Nothing is carried over from an earlier entry: a rating is only what the person gives now.
 */
export function ScaleChoice({ label, name, value, onChange, low, high, hint }: ScaleChoiceProps) {
  const endsId = useId();
  const hintId = useId();
  return (
    <fieldset className="field scale" aria-describedby={hint ? `${endsId} ${hintId}` : endsId}>
      <legend className="field__label">
        {label}: <span className="scale__value">{value === null ? "not rated" : `${value} out of 10`}</span>
      </legend>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <div className="scale__choices">
        <label className="scale__choice scale__choice--none">
          <input
            type="radio"
            id={`field-${name}-none`}
            name={name}
            checked={value === null}
            onChange={() => onChange(null)}
          />
          <span>Not rated</span>
        </label>
        {STEPS.map((step) => (
          <label key={step} className="scale__choice">
            <input
              type="radio"
              id={step === 0 ? `field-${name}` : `field-${name}-${step}`}
              name={name}
              value={step}
              checked={value === step}
              onChange={() => onChange(step)}
              aria-label={`${label} ${step}`}
            />
            <span aria-hidden="true">{step}</span>
          </label>
        ))}
      </div>
      <p className="scale__ends" id={endsId}>
        <span>{low}</span>
        <span>{high}</span>
      </p>
    </fieldset>
  );
}
