import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { api } from "../api/client";
import { call } from "../api/call";
import { startSession } from "../app/auth";
import { pendingInvitation } from "../spaces/pendingInvitation";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Checkbox, Field } from "../ui/Field";
import { useFormErrors } from "../ui/forms";
import { Page } from "../ui/Page";
import { checkDisplayName, checkEmail, checkNewPassword, DISPLAY_NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from "./validation";

export const CONSENT_TEXT =
  "I agree that Tandem stores what I write, including health information, only to provide this service";

export function SignUpPage() {
  const queryClient = useQueryClient();
  const form = useFormErrors();
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [consent, setConsent] = useState(false);
  const joining = pendingInvitation() !== null;

  const signUp = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/auth/signup", {
          body: {
            email: email.trim(),
            display_name: displayName.trim(),
            password,
            consent_health_data: consent,
          },
        }),
      ),
    // The sign-up page's guard moves on (to joining, or to creating a space) once we know who is signed in.
    onSuccess: () => startSession(queryClient),
    onError: (error) => form.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = [
      ...checkEmail(email),
      ...checkDisplayName(displayName),
      ...checkNewPassword(password),
      ...(consent ? [] : [{ field: "consent_health_data", message: "Tick the box to agree, so Tandem can keep what you write." }]),
    ];
    if (form.validate(errors)) signUp.mutate();
  }

  return (
    <Page
      title="Create your account"
      narrow
      lead={
        joining
          ? "Create an account to join your partner's space."
          : "Tandem is a private space for the two of you. Start with your own account; you'll invite your partner next."
      }
    >
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={form.fieldError("email")}
          required
          maxLength={254}
        />
        <Field
          label="Your name"
          name="display_name"
          autoComplete="nickname"
          hint="The name your partner will see. Up to 60 characters."
          value={displayName}
          onChange={setDisplayName}
          error={form.fieldError("display_name")}
          required
          maxLength={DISPLAY_NAME_MAX}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`Use at least ${PASSWORD_MIN} characters. A few words you'll remember work well.`}
          value={password}
          onChange={setPassword}
          error={form.fieldError("password")}
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
        />
        <Checkbox
          name="consent_health_data"
          label={CONSENT_TEXT}
          checked={consent}
          onChange={setConsent}
          error={form.fieldError("consent_health_data")}
          required
        />
        <Button type="submit" busy={signUp.isPending}>
          Create account
        </Button>
      </form>
      <p className="page__aside">
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </Page>
  );
}
