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

export interface RadioOption<T extends string | number> {
  value: T;
  label: ReactNode;
  /** A second line under the label. */
  hint?: ReactNode;
  /** Shown before the label and hidden from screen readers (an emoji). */
  decoration?: ReactNode;
}

/** Class names for a group drawn differently from the plain list (ratings, boundary levels). */
export interface RadioLook<T> {
  group?: string;
  legend?: string;
  /** A wrapper around the options (none by default). */
  options?: string;
  option?: string | ((value: T) => string);
  input?: string;
  label?: string;
}

interface RadioGroupProps<T extends string | number> {
  legend: ReactNode;
  /** The radios' name; ids derive from it (`field-<name>-<value>`). */
  name: string;
  value: T | "" | null;
  options: RadioOption<T>[];
  onChange: (value: T) => void;
  error?: string | undefined;
  hint?: ReactNode;
  /** The fieldset's id, the target of error-summary links (default `field-<name>`). */
  id?: string;
  inline?: boolean;
  look?: RadioLook<T>;
  /** Shown inside the group after the options (a follow-up input, a clear button). */
  children?: ReactNode;
  /** The id of a message shown in `children` that describes the group. */
  describedBy?: string | undefined;
}

/** The one radio-button group: a fieldset with its legend, hint and error tied to it. */
export function RadioGroup<T extends string | number>({
  legend,
  name,
  value,
  options,
  onChange,
  error,
  hint,
  id,
  inline = false,
  look = {},
  children,
  describedBy: extra,
}: RadioGroupProps<T>) {
  const hintId = useId();
  const errorId = useId();
  const describedBy = [hint ? hintId : null, error ? errorId : null, extra].filter(Boolean).join(" ") || undefined;
  const groupClass =
    look.group ?? ["field", error ? "field--error" : "", "radios", inline ? "choices--inline" : ""].filter(Boolean).join(" ");
  const optionClass = (option: T) => (typeof look.option === "function" ? look.option(option) : (look.option ?? "radio"));
  const list = options.map((option) => {
    const inputId = `field-${name}-${option.value}`;
    return (
      <div className={optionClass(option.value)} key={String(option.value)}>
        <input
          id={inputId}
          type="radio"
          className={look.input ?? "radio__input"}
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
        <label className={look.label ?? "radio__label"} htmlFor={inputId}>
          {option.label}
          {option.hint ? <span className="radio__hint">{option.hint}</span> : null}
        </label>
      </div>
    );
  });
  return (
    <fieldset className={groupClass} id={id ?? `field-${name}`} aria-describedby={describedBy}>
      <legend className={look.legend ?? "field__label"}>{legend}</legend>
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
      {look.options ? <div className={look.options}>{list}</div> : list}
      {children}
    </fieldset>
  );
}

interface SelectProps<T extends string> {
  label: string;
  /** The select's name; its id is `field-<name>` unless given. */
  name: string;
  id?: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
  hint?: ReactNode;
  error?: string | undefined;
}

/** The one drop-down: a labelled select with an optional hint and an error tied to it. */
export function Select<T extends string>({ label, name, id, value, options, onChange, hint, error }: SelectProps<T>) {
  const selectId = id ?? `field-${name}`;
  return (
    <LabelledControl id={selectId} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select
          id={selectId}
          name={name}
          className="field__input"
          value={value}
          onChange={(event) => onChange(event.target.value as T)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </LabelledControl>
  );
}
