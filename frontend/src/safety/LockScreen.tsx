import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { problemOf } from "../api/problem";
import { endSession } from "../app/auth";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { markUnlocked } from "./lockState";
import { quickExit } from "./quickExit";
import { unlockSchema } from "./validation";

/**
 * What a locked session shows: a PIN form and nothing else. No name, no count, no content: the
 * query cache was emptied when the lock came, and nothing here reads from the server but the PIN.
 */
export function LockScreen() {
  const queryClient = useQueryClient();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useSchemaForm(unlockSchema, { pin: "" });

  useEffect(() => {
    document.title = "Locked";
    heading.current?.focus();
  }, []);

  const unlock = useMutation({
    mutationFn: (body: { pin: string }) => call(api.POST("/api/v1/me/app-lock/unlock", { body })),
    onSuccess: (answer) => {
      if (answer.outcome === "exit") {
        quickExit({ destination: answer.destination, tellServer: false });
        return;
      }
      queryClient.clear();
      markUnlocked();
    },
    onError: (error) => {
      const status = problemOf(error)?.status;
      form.reset({ pin: "" });
      if (status === 403) {
        form.fail("pin", "That PIN isn't right.");
      } else if (status === 401) {
        // Five wrong PINs (or the session ended elsewhere): the password is needed again.
        queryClient.clear();
        endSession(queryClient, "Too many wrong PINs. Please log in with your password.");
        markUnlocked();
      } else {
        form.fromError(error);
      }
    },
  });

  const logOut = useMutation({
    mutationFn: () => call(api.POST("/api/v1/auth/logout")),
    onSettled: () => {
      queryClient.clear();
      endSession(queryClient, "You've logged out.");
      markUnlocked();
    },
  });

  return (
    <main id="main" className="lock-screen" aria-labelledby={headingId}>
      <h1 id={headingId} ref={heading} tabIndex={-1} className="page__title">
        Locked
      </h1>
      <form className="form lock-screen__form" noValidate onSubmit={form.onSubmit((body) => unlock.mutate(body))}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <Field
          label="PIN"
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          {...form.bind("pin")}
          required
        />
        <Button type="submit" busy={unlock.isPending}>
          Unlock
        </Button>
      </form>
      <p className="lock-screen__help">
        Forgot your PIN?{" "}
        <Button variant="link" busy={logOut.isPending} onClick={() => logOut.mutate()}>
          Log out
        </Button>{" "}
        and log in again with your password.
      </p>
    </main>
  );
}
