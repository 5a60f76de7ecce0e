import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { sessionNotice, startSession } from "../app/auth";
import { pendingInvitation } from "../spaces/pendingInvitation";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Checkbox, Field } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { logInSchema } from "./validation";
import { Page } from "../ui/Page";
import { PasskeySignIn, SecondStepPage, type SecondStep } from "../factors/SignInSteps";

export const BAD_CREDENTIALS = "That email and password don't match.";

export function LogInPage() {
  const queryClient = useQueryClient();
  const [notice] = useState(sessionNotice);
  const form = useSchemaForm(logInSchema, { email: "", password: "", remember_me: false });
  const joining = pendingInvitation() !== null;

  const [secondStep, setSecondStep] = useState<SecondStep | null>(null);

  const logIn = useMutation({
    mutationFn: (body: { email: string; password: string; remember_me: boolean }) =>
      call(api.POST("/api/v1/auth/login", { body })),
    // The login page's guard moves on once we know who is signed in.
    onSuccess: async (answer) => {
      if ("second_step" in answer) {
        setSecondStep(answer);
        return;
      }
      await startSession(queryClient);
    },
    onError: (error) => {
      form.set("password", "");
      form.fromError(error, { 401: BAD_CREDENTIALS, 403: BAD_CREDENTIALS });
    },
  });

  const submit = form.onSubmit((body) => logIn.mutate(body));
  const remember = form.bind("remember_me");

  if (secondStep) {
    return <SecondStepPage methods={secondStep.methods} onRestart={() => setSecondStep(null)} />;
  }

  return (
    <Page
      title="Log in"
      narrow
      lead={joining ? "Log in to join your partner's space." : "Welcome back to your shared space."}
    >
      <StatusMessage>{notice}</StatusMessage>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="username"
          spellCheck={false}
          {...form.bind("email")}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          {...form.bind("password")}
          required
        />
        <Checkbox name="remember_me" label="Keep me signed in on this device" checked={remember.value} onChange={remember.onChange} />
        <Button type="submit" busy={logIn.isPending}>
          Log in
        </Button>
      </form>
      <PasskeySignIn />
      <p className="page__aside">
        New to Tandem? <Link to="/signup">Create an account</Link>
      </p>
    </Page>
  );
}
