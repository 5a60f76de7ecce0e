import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { problemOf } from "../api/problem";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { required, useFormErrors } from "../ui/forms";
import { sessionsKey } from "./SessionsSection";
import { checkNewPassword, PASSWORD_MAX, PASSWORD_MIN } from "./validation";

export function ChangePasswordSection() {
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useFormErrors();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [status, setStatus] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: () =>
      call(api.POST("/api/v1/me/password", { body: { current_password: current, new_password: next } })),
    onMutate: () => setStatus(null),
    onSuccess: async () => {
      setCurrent("");
      setNext("");
      form.clear();
      setStatus("Your password has been changed. Your other devices have been signed out.");
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
    onError: (error) => {
      if (problemOf(error)?.status === 403) {
        form.validate([{ field: "current_password", message: "That isn't your current password." }]);
      } else {
        form.fromError(error);
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = [
      ...required(current, "current_password", "Enter your current password."),
      ...checkNewPassword(next, "new_password"),
    ];
    if (form.validate(errors)) change.mutate();
  }

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
          value={current}
          onChange={setCurrent}
          error={form.fieldError("current_password")}
          required
        />
        <Field
          label="New password"
          name="new_password"
          type="password"
          autoComplete="new-password"
          hint={`Use at least ${PASSWORD_MIN} characters.`}
          value={next}
          onChange={setNext}
          error={form.fieldError("new_password")}
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
