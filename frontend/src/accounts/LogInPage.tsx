import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { api } from "../api/client";
import { call } from "../api/call";
import { sessionNotice, startSession } from "../app/auth";
import { pendingInvitation } from "../spaces/pendingInvitation";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Checkbox, Field } from "../ui/Field";
import { required, useFormErrors } from "../ui/forms";
import { Page } from "../ui/Page";

export const BAD_CREDENTIALS = "That email and password don't match.";

export function LogInPage() {
  const queryClient = useQueryClient();
  const [notice] = useState(sessionNotice);
  const form = useFormErrors();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [remember, setRemember] = useState(false);
  const joining = pendingInvitation() !== null;

  const logIn = useMutation({
    mutationFn: () =>
      call(api.POST("/api/v1/auth/login", { body: { email: email.trim(), password, remember_me: remember } })),
    // The login page's guard moves on once we know who is signed in.
    onSuccess: () => startSession(queryClient),
    onError: (error) => {
      setPassword("");
      form.fromError(error, { 401: BAD_CREDENTIALS, 403: BAD_CREDENTIALS });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = [
      ...required(email, "email", "Enter your email address."),
      ...required(password, "password", "Enter your password."),
    ];
    if (form.validate(errors)) logIn.mutate();
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
          value={email}
          onChange={setEmail}
          error={form.fieldError("email")}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={form.fieldError("password")}
          required
        />
        <Checkbox name="remember_me" label="Keep me signed in on this device" checked={remember} onChange={setRemember} />
        <Button type="submit" busy={logIn.isPending}>
          Log in
        </Button>
      </form>
      <p className="page__aside">
        New to Tandem? <Link to="/signup">Create an account</Link>
      </p>
    </Page>
  );
}
