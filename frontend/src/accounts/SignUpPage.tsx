import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { startSession } from "../app/auth";
import { pendingInvitation } from "../spaces/pendingInvitation";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Checkbox, Field } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { Page } from "../ui/Page";
import { DISPLAY_NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, signUpSchema } from "./validation";

export const CONSENT_TEXT =
  "I agree that Tandem stores what I write, including health information, only to provide this service";

export function SignUpPage() {
  const queryClient = useQueryClient();
  const form = useSchemaForm(signUpSchema, { email: "", display_name: "", password: "", consent_health_data: false });
  const joining = pendingInvitation() !== null;

  const signUp = useMutation({
    mutationFn: (body: { email: string; display_name: string; password: string; consent_health_data: boolean }) =>
      call(api.POST("/api/v1/auth/signup", { body })),
    // The sign-up page's guard moves on (to joining, or to creating a space) once we know who is signed in.
    onSuccess: () => startSession(queryClient),
    onError: (error) => form.fromError(error),
  });

  // The schema trims the email and the name, as the server does.
  const submit = form.onSubmit((body) => signUp.mutate(body));
  const consent = form.bind("consent_health_data");

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
          {...form.bind("email")}
          required
          maxLength={254}
        />
        <Field
          label="Your name"
          name="display_name"
          autoComplete="nickname"
          hint="The name your partner will see. Up to 60 characters."
          {...form.bind("display_name")}
          required
          maxLength={DISPLAY_NAME_MAX}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`Use at least ${PASSWORD_MIN} characters. A few words you'll remember work well.`}
          {...form.bind("password")}
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
        />
        <Checkbox
          name="consent_health_data"
          label={CONSENT_TEXT}
          checked={consent.value}
          onChange={consent.onChange}
          error={consent.error}
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
