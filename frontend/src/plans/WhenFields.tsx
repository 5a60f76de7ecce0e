import { useId } from "react";
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

/** "A day and time" or "sometime this week". */
export function WhenFields({ name, choice, onChoice, value, onValue, error }: WhenFieldsProps) {
  const errorId = useId();
  return (
    <fieldset className="field radios" id="field-starts_at" aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">When</legend>
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="radio">
        <input
          id={`${name}-week`}
          type="radio"
          className="radio__input"
          name={`${name}-choice`}
          checked={choice === "week"}
          onChange={() => onChoice("week")}
        />
        <label className="radio__label" htmlFor={`${name}-week`}>
          Sometime this week
          <span className="radio__hint">No fixed time: you'll find the moment together.</span>
        </label>
      </div>
      <div className="radio">
        <input
          id={`${name}-time`}
          type="radio"
          className="radio__input"
          name={`${name}-choice`}
          checked={choice === "time"}
          onChange={() => onChoice("time")}
        />
        <label className="radio__label" htmlFor={`${name}-time`}>
          A day and time
        </label>
      </div>
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
    </fieldset>
  );
}
