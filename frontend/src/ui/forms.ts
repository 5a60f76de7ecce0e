import { useState } from "react";
import { describeProblem, problemOf, type FieldError } from "../api/problem";

/**
 * Error state of one form or action: a list of field errors and an optional message. Forms with
 * fields use ui/form.ts (useSchemaForm, or schemaErrors for the ones not moved yet); this remains
 * for buttons whose API errors need showing.
 */
export function useFormErrors() {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  return {
    errors,
    message,
    fieldError: (field: string): string | undefined => {
      return errors.find((error) => error.field === field)?.message;
    },
    clear: () => {
      setErrors([]);
      setMessage(null);
    },
    /** Show client-side validation errors; true when there were none. */
    validate: (found: FieldError[]): boolean => {
      setErrors(found);
      setMessage(null);
      return found.length === 0;
    },
    /** Show an error from the API; `overrides` maps a status to a sentence. */
    fromError: (error: unknown, overrides: Partial<Record<number, string>> = {}) => {
      const problem = problemOf(error);
      if (!problem) {
        setErrors([]);
        setMessage("Something went wrong. Please try again.");
        return;
      }
      const override = overrides[problem.status];
      setErrors(override ? [] : problem.errors);
      setMessage(override ?? (problem.errors.length > 0 ? null : describeProblem(problem)));
    },
  };
}

export function required(value: string, field: string, message: string): FieldError[] {
  return value.trim() === "" ? [{ field, message }] : [];
}
