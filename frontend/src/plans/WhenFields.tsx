import { RadioGroup } from "../ui/Field";
import { localNow } from "./queries";
import "./plans.css";

export type WhenChoice = "time" | "week";

interface WhenFieldsProps {
  name: string;
  choice: WhenChoice;
  onChoice: (choice: WhenChoice) => void;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
}

const CHOICES = [
  { value: "week" as const, label: "Sometime this week", hint: "No fixed time: you'll find the moment together." },
  { value: "time" as const, label: "A day and time" },
];

/** "A day and time" or "sometime this week". */
export function WhenFields({ name, choice, onChoice, value, onValue, error }: WhenFieldsProps) {
  return (
    <RadioGroup<WhenChoice>
      id="field-starts_at"
      legend="When"
      name={`${name}-choice`}
      value={choice}
      onChange={onChoice}
      error={error}
      options={CHOICES}
    >
      {choice === "time" ? (
        <div className="when__time">
          <label className="field__label" htmlFor={`${name}-at`}>
            Day and time
          </label>
          <input
            id={`${name}-at`}
            type="datetime-local"
            className="field__input"
            min={localNow()}
            value={value}
            onChange={(event) => onValue(event.target.value)}
            aria-invalid={error ? true : undefined}
          />
        </div>
      ) : null}
    </RadioGroup>
  );
}
