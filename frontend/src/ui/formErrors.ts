import { useState } from "react";
import { describeProblem, problemOf, type FieldError } from "../api/problem";

/**
 * The errors of an action without fields (a button: delete, turn off, choose from a list): the
 * server's answer, shown in an ErrorSummary the same way as a form's. Forms with fields use
 * useSchemaForm (ui/form.ts). A module of its own, without the form library: the home page's
 * cards use it, and the first screen's script stays small.
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
