import { useId } from "react";
import { RadioGroup, type RadioLook, type RadioOption } from "../ui/Field";

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

/** A look of the one radio group: a row of buttons, "Not rated" first. */
const SCALE_LOOK: RadioLook<number | "none"> = {
  group: "field scale",
  options: "scale__choices",
  option: (value) => (value === "none" ? "scale__choice scale__choice--none" : "scale__choice"),
  input: "scale__input",
  label: "scale__label",
};

/**
 * A 0-10 rating as a row of radio buttons (the ui RadioGroup), starting at "Not rated", labelled in
 * words at both ends. Nothing is carried over from an earlier entry: a rating is only what the
 * person gives now. Each step's name is "<label> <step>" ("Pain 3"); it shows only the number.
 */
export function ScaleChoice({ label, name, value, onChange, low, high, hint }: ScaleChoiceProps) {
  const endsId = useId();
  const options: RadioOption<number | "none">[] = [
    { value: "none", label: "Not rated" },
    ...STEPS.map((step) => ({
      value: step,
      label: (
        <>
          <span className="visually-hidden">{label} </span>
          {step}
        </>
      ),
    })),
  ];
  return (
    <RadioGroup<number | "none">
      legend={
        <>
          {label}: <span className="scale__value">{value === null ? "not rated" : `${value} out of 10`}</span>
        </>
      }
      name={name}
      value={value ?? "none"}
      onChange={(chosen) => onChange(chosen === "none" ? null : chosen)}
      options={options}
      hint={hint}
      look={SCALE_LOOK}
      describedBy={endsId}
    >
      <p className="scale__ends" id={endsId}>
        <span>{low}</span>
        <span>{high}</span>
      </p>
    </RadioGroup>
  );
}
