import type { MouseEvent, ReactNode } from "react";
import type { FieldError } from "../api/problem";

/** Focus the field without touching the URL's fragment (the join page keeps its token there). */
function focusField(event: MouseEvent<HTMLAnchorElement>, field: string) {
  event.preventDefault();
  const target = document.getElementById(`field-${field}`);
  if (!target) return;
  const input = target instanceof HTMLFieldSetElement ? target.querySelector("input") : target;
  (input ?? target).focus();
}

interface ErrorSummaryProps {
  /** A sentence about the whole form (e.g. wrong password), if any. */
  message?: string | null;
  /** Errors tied to fields; each links to its field. */
  errors?: FieldError[];
  title?: string;
}

/**
 * The form's error summary. It is always in the page, so screen readers
 * announce it (role="alert") as soon as text appears in it.
 */
export function ErrorSummary({ message, errors = [], title = "There is a problem" }: ErrorSummaryProps) {
  const hasContent = Boolean(message) || errors.length > 0;
  return (
    <div
      role="alert"
      aria-live="assertive"
      aria-atomic="true"
      className={hasContent ? "error-summary" : "error-summary error-summary--empty"}
    >
      {hasContent ? (
        <>
          <h2 className="error-summary__title">{title}</h2>
          {message ? <p className="error-summary__message">{message}</p> : null}
          {errors.length > 0 ? (
            <ul className="error-summary__list">
              {errors.map((error) => (
                <li key={`${error.field}:${error.message}`}>
                  {error.field ? <a href={`#field-${error.field}`} onClick={(event) => focusField(event, error.field)}>{error.message}</a> : error.message}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** A quiet confirmation that something worked, announced politely. */
export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className={children ? "status-message" : "status-message status-message--empty"}>
      {children}
    </div>
  );
}
