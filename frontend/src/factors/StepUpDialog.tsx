import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { describeProblem, problemOf } from "../api/problem";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { getPasskey, passkeysSupported } from "./passkeys";
import { StepUpContext } from "./stepUpContext";
import { stepUpSchema } from "./stepUpSchema";
import "./factors.css";

function messageOf(error: unknown): string {
  const problem = problemOf(error);
  if (!problem) return "Something went wrong. Please try again.";
  if (problem.status === 403) return problem.detail || "That isn't right.";
  return describeProblem(problem);
}

/** Provides the step-up dialog to the sensitive actions inside it (see useStepUp). */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const settle = useRef<((done: boolean) => void) | null>(null);
  const headingId = useId();
  const form = useSchemaForm(stepUpSchema, { mode: "password", step_up_password: "", step_up_code: "" });
  const mode = form.values.mode;
  // A wrong password or code, or a passkey that didn't work: a sentence about the whole attempt.
  const [error, setError] = useState<string | null>(null);
  // The form exists only while asked: a closed dialog leaves no second "Your password" field on the page.
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
  }, [open]);

  const confirm = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        settle.current = resolve;
        form.reset({ mode: "password", step_up_password: "", step_up_code: "" });
        setError(null);
        setOpen(true);
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- form.reset is stable (react-hook-form's)
    [],
  );

  const finish = (done: boolean) => {
    dialog.current?.close();
    setOpen(false);
    settle.current?.(done);
    settle.current = null;
  };

  const withSecret = useMutation({
    mutationFn: (body: { password: string } | { code: string }) => call(api.POST("/api/v1/me/step-up", { body })),
    onSuccess: () => finish(true),
    onError: (e) => setError(messageOf(e)),
  });

  const withPasskey = useMutation({
    mutationFn: async () => {
      const { challenge_id, options } = await call(api.POST("/api/v1/me/step-up/passkey/options"));
      const credential = await getPasskey(options);
      return call(api.POST("/api/v1/me/step-up/passkey", { body: { challenge_id, credential: { ...credential } } }));
    },
    onSuccess: () => finish(true),
    onError: (e) => setError(messageOf(e)),
  });

  const submit = form.onSubmit((values) => {
    setError(null);
    withSecret.mutate(values.mode === "password" ? { password: values.step_up_password } : { code: values.step_up_code });
  });

  return (
    <StepUpContext value={confirm}>
      {children}
      <dialog ref={dialog} className="dialog" aria-labelledby={headingId} onCancel={() => finish(false)}>
        {open ? (
        <form className="form" noValidate onSubmit={submit}>
          <h2 id={headingId}>Confirm it's you</h2>
          <p>This needs a fresh confirmation (once every five minutes).</p>
          <ErrorSummary message={error} errors={form.errors} title={error ? "This didn't work" : undefined} />
          {mode === "password" ? (
            <Field
              label="Your password"
              name="step_up_password"
              type="password"
              autoComplete="current-password"
              {...form.bind("step_up_password")}
            />
          ) : (
            <Field
              label="Code from your authenticator app, or a recovery code"
              name="step_up_code"
              autoComplete="one-time-code"
              spellCheck={false}
              {...form.bind("step_up_code")}
            />
          )}
          <div className="actions">
            <Button type="submit" busy={withSecret.isPending}>
              Confirm
            </Button>
            <Button variant="secondary" onClick={() => finish(false)}>
              Cancel
            </Button>
          </div>
          <div className="actions">
            {passkeysSupported() ? (
              <Button variant="link" busy={withPasskey.isPending} onClick={() => withPasskey.mutate()}>
                Use a passkey
              </Button>
            ) : null}
            <Button
              variant="link"
              onClick={() => {
                setError(null);
                form.reset({ mode: mode === "password" ? "code" : "password", step_up_password: "", step_up_code: "" });
              }}
            >
              {mode === "password" ? "Use a code instead" : "Use your password instead"}
            </Button>
          </div>
        </form>
        ) : null}
      </dialog>
    </StepUpContext>
  );
}
