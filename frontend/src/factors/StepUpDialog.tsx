import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { describeProblem, problemOf } from "../api/problem";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { getPasskey, passkeysSupported } from "./passkeys";
import { StepUpContext } from "./stepUpContext";
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
  const [mode, setMode] = useState<"password" | "code">("password");
  const [secret, setSecret] = useState("");
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
        setSecret("");
        setError(null);
        setMode("password");
        setOpen(true);
      }),
    [],
  );

  const finish = (done: boolean) => {
    dialog.current?.close();
    setOpen(false);
    settle.current?.(done);
    settle.current = null;
  };

  const withSecret = useMutation({
    mutationFn: () =>
      call(api.POST("/api/v1/me/step-up", { body: mode === "password" ? { password: secret } : { code: secret } })),
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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!secret.trim()) {
      setError(mode === "password" ? "Please enter your password." : "Please enter a code.");
      return;
    }
    withSecret.mutate();
  };

  return (
    <StepUpContext value={confirm}>
      {children}
      <dialog ref={dialog} className="dialog" aria-labelledby={headingId} onCancel={() => finish(false)}>
        {open ? (
        <form className="form" noValidate onSubmit={submit}>
          <h2 id={headingId}>Confirm it's you</h2>
          <p>This needs a fresh confirmation (once every five minutes).</p>
          <ErrorSummary message={error} title="This didn't work" />
          {mode === "password" ? (
            <Field
              label="Your password"
              name="step_up_password"
              type="password"
              autoComplete="current-password"
              value={secret}
              onChange={setSecret}
            />
          ) : (
            <Field
              label="Code from your authenticator app, or a recovery code"
              name="step_up_code"
              autoComplete="one-time-code"
              spellCheck={false}
              value={secret}
              onChange={setSecret}
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
                setSecret("");
                setError(null);
                setMode(mode === "password" ? "code" : "password");
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
