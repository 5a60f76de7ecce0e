import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { problemOf } from "../api/problem";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { sessionsKey } from "./SessionsSection";
import { PASSWORD_MAX, PASSWORD_MIN, passwordChangeSchema } from "./validation";

export function ChangePasswordSection() {
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useSchemaForm(passwordChangeSchema, { current_password: "", new_password: "" });
  const [status, setStatus] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) => call(api.POST("/api/v1/me/password", { body })),
    onMutate: () => setStatus(null),
    onSuccess: async () => {
      form.reset({ current_password: "", new_password: "" });
      setStatus("Your password has been changed. Your other devices have been signed out.");
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
    onError: (error) => {
      if (problemOf(error)?.status === 403) {
        form.fail("current_password", "That isn't your current password.");
      } else {
        form.fromError(error);
      }
    },
  });

  const submit = form.onSubmit((body) => change.mutate(body));

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Change your password</h2>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <StatusMessage>{status}</StatusMessage>
        <Field
          label="Current password"
          name="current_password"
          type="password"
          autoComplete="current-password"
          {...form.bind("current_password")}
          required
        />
        <Field
          label="New password"
          name="new_password"
          type="password"
          autoComplete="new-password"
          hint={`Use at least ${PASSWORD_MIN} characters.`}
          {...form.bind("new_password")}
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
        />
        <Button type="submit" busy={change.isPending}>
          Change password
        </Button>
      </form>
    </section>
  );
}
