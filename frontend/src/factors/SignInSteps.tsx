import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { problemOf } from "../api/problem";
import type { paths } from "../api/schema";
import { startSession } from "../app/auth";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { useFormErrors, useSchemaForm } from "../ui/form";
import { Page } from "../ui/Page";
import { getPasskey, passkeysSupported } from "./passkeys";
import { secondStepSchema } from "./stepUpSchema";

export type SecondStep = paths["/api/v1/auth/login"]["post"]["responses"][202]["content"]["application/json"];

const EXPIRED = "Your sign-in has expired. Please log in again with your password.";

/** Sign in with a passkey: with no password, or as the second step after one. */
function usePasskeySignIn() {
  const queryClient = useQueryClient();
  const form = useFormErrors();
  const mutation = useMutation({
    mutationFn: async () => {
      const { challenge_id, options } = await call(api.POST("/api/v1/auth/passkey/options"));
      const credential = await getPasskey(options);
      return call(
        api.POST("/api/v1/auth/passkey", { body: { challenge_id, credential: { ...credential }, remember_me: false } }),
      );
    },
    onMutate: () => form.clear(),
    onSuccess: () => startSession(queryClient),
    onError: (error) => form.fromError(error, { 403: "That passkey couldn't sign you in. Try another way." }),
  });
  return { form, mutation };
}

export function PasskeySignIn() {
  const { form, mutation } = usePasskeySignIn();
  if (!passkeysSupported()) return null;
  return (
    <div className="form">
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      <Button variant="secondary" busy={mutation.isPending} onClick={() => mutation.mutate()}>
        Sign in with a passkey
      </Button>
    </div>
  );
}

/** After the right password, when two-step sign-in is on: a code, a recovery code or a passkey. */
export function SecondStepPage({ methods, onRestart }: { methods: SecondStep["methods"]; onRestart: () => void }) {
  const queryClient = useQueryClient();
  const form = useSchemaForm(secondStepSchema, { code: "" });
  const passkey = usePasskeySignIn();
  const [expired, setExpired] = useState(false);

  const complete = useMutation({
    mutationFn: (body: { code: string }) => call(api.POST("/api/v1/auth/second-step", { body })),
    onSuccess: () => startSession(queryClient),
    onError: (error) => {
      form.set("code", "");
      form.fromError(error, { 401: EXPIRED, 403: "That code isn't right." });
      if (problemOf(error)?.status === 401) setExpired(true);
    },
  });

  const submit = form.onSubmit((body) => complete.mutate(body));

  const codes = methods.includes("totp") || methods.includes("recovery_code");
  return (
    <Page title="One more step" narrow lead="Your password was right. Confirm it's you to finish signing in.">
      {methods.includes("passkey") && passkeysSupported() ? (
        <div className="form">
          <ErrorSummary message={passkey.form.message} errors={passkey.form.errors} title="This didn't work" />
          <Button busy={passkey.mutation.isPending} onClick={() => passkey.mutation.mutate()}>
            Use a passkey
          </Button>
        </div>
      ) : null}
      {codes ? (
        <form className="form" noValidate onSubmit={submit}>
          <ErrorSummary message={form.message} errors={form.errors} />
          <Field
            label={methods.includes("totp") ? "Code from your authenticator app, or a recovery code" : "A recovery code"}
            name="code"
            autoComplete="one-time-code"
            spellCheck={false}
            {...form.bind("code")}
          />
          <Button type="submit" busy={complete.isPending}>
            Continue
          </Button>
        </form>
      ) : null}
      <p className="page__aside">
        <Button variant="link" onClick={onRestart}>
          {expired ? "Log in again" : "Start again"}
        </Button>
      </p>
    </Page>
  );
}
