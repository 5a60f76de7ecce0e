import { useId, type InputHTMLAttributes, type ReactNode } from "react";

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "onChange" | "value"> {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
}

interface FrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Renders the control, given the ids that describe it. */
  children: (describedBy: string | undefined) => ReactNode;
}

/** Label, hint and error around one control, with the hint and error tied to it for screen readers. */
function LabelledControl({ id, label, hint, error, children }: FrameProps) {
  const hintId = useId();
  const errorId = useId();
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
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
      {children(describedBy)}
    </div>
  );
}

/** A labelled text input with an optional hint and an error tied to it. */
export function Field({ label, name, value, onChange, hint, error, type = "text", ...rest }: FieldProps) {
  const id = `field-${name}`;
  return (
    <LabelledControl id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          {...rest}
          id={id}
          name={name}
          type={type}
          className="field__input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </LabelledControl>
  );
}

interface TextAreaProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  hint?: ReactNode;
  error?: string | undefined;
  rows?: number;
}

/** A labelled multi-line text box with a hint, a character budget and an error tied to it. */
export function TextArea({ label, name, value, onChange, maxLength, hint, error, rows = 3 }: TextAreaProps) {
  const id = `field-${name}`;
  return (
    <LabelledControl id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <textarea
          id={id}
          name={name}
          className="field__input field__textarea"
          rows={rows}
          value={value}
          maxLength={maxLength}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </LabelledControl>
  );
}

interface CheckboxProps {
  label: ReactNode;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
  required?: boolean;
}

export function Checkbox({ label, name, checked, onChange, error, required }: CheckboxProps) {
  const id = `field-${name}`;
  const errorId = useId();
  return (
    <div className={error ? "field field--error" : "field"}>
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="checkbox">
        <input
          id={id}
          name={name}
          type="checkbox"
          className="checkbox__input"
          checked={checked}
          required={required}
          onChange={(event) => onChange(event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <label className="checkbox__label" htmlFor={id}>
          {label}
        </label>
      </div>
    </div>
  );
}

interface RadioOption<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

interface RadioGroupProps<T extends string> {
  legend: string;
  name: string;
  value: T | "";
  options: RadioOption<T>[];
  onChange: (value: T) => void;
  error?: string | undefined;
}

export function RadioGroup<T extends string>({ legend, name, value, options, onChange, error }: RadioGroupProps<T>) {
  const errorId = useId();
  return (
    <fieldset
      className={error ? "field field--error radios" : "field radios"}
      id={`field-${name}`}
      aria-describedby={error ? errorId : undefined}
    >
      <legend className="field__label">{legend}</legend>
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {options.map((option) => {
        const id = `field-${name}-${option.value}`;
        return (
          <div className="radio" key={option.value}>
            <input
              id={id}
              type="radio"
              className="radio__input"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <label className="radio__label" htmlFor={id}>
              {option.label}
              {option.hint ? <span className="radio__hint">{option.hint}</span> : null}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
