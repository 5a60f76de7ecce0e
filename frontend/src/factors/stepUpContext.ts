import { createContext, use } from "react";
import { problemOf } from "../api/problem";

/** The problem type the server answers when a sensitive action needs a fresh confirmation. */
export const STEP_UP_REQUIRED = "urn:tandem:problem:step-up-required";

export type Confirm = () => Promise<boolean>;

export const StepUpContext = createContext<Confirm | null>(null);

export function needsStepUp(error: unknown): boolean {
  return problemOf(error)?.type === STEP_UP_REQUIRED;
}

/**
 * Wrap a sensitive request: when the server asks for a fresh confirmation, the step-up dialog asks
 * for the password, a passkey or a code, and the request is sent again once confirmed.
 */
export function useStepUp(): <T>(request: () => Promise<T>) => Promise<T> {
  const confirm = use(StepUpContext);
  return async (request) => {
    try {
      return await request();
    } catch (error) {
      if (!confirm || !needsStepUp(error) || !(await confirm())) throw error;
      return await request();
    }
  };
}
