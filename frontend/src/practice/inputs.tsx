import { useId } from "react";

interface ScaleSliderProps {
  label: string;
  name: string;
  value: number;
  onChange: (value: number) => void;
  low: string;
  high: string;
  hint?: string;
}

/** A 0-10 rating as a slider, labelled in words at both ends, with its value shown. */
export function ScaleSlider({ label, name, value, onChange, low, high, hint }: ScaleSliderProps) {
  const id = `field-${name}`;
  const endsId = useId();
  const hintId = useId();
  return (
    <div className="field scale">
      <label className="field__label" htmlFor={id}>
        {label}: <output htmlFor={id}>{value}</output>
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type="range"
        min={0}
        max={10}
        step={1}
        className="scale__input"
        value={value}
        onChange={(event) => onChange(Number(event.target.value))}
        aria-describedby={hint ? `${endsId} ${hintId}` : endsId}
        aria-valuetext={`${value} out of 10`}
      />
      <p className="scale__ends" id={endsId}>
        <span>{low}</span>
        <span>{high}</span>
      </p>
    </div>
  );
}
