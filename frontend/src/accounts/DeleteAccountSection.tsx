import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useNavigate } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { problemOf } from "../api/problem";
import { endSession } from "../app/auth";
import { clearPendingInvitation } from "../spaces/pendingInvitation";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { accountDeletionSchema } from "./validation";

export function DeleteAccountSection() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const headingId = useId();
  const form = useSchemaForm(accountDeletionSchema, { delete_password: "" });
  const password = form.bind("delete_password");
  const [confirming, setConfirming] = useState(false);

  const remove = useMutation({
    mutationFn: () => call(api.DELETE("/api/v1/me", { body: { password: password.value } })),
    onSuccess: () => {
      clearPendingInvitation();
      endSession(queryClient, "Your account and everything you wrote in Tandem have been deleted.");
      void navigate("/login", { replace: true });
    },
    onError: (error) => {
      setConfirming(false);
      if (problemOf(error)?.status === 403) {
        form.fail("delete_password", "That isn't your password.");
      } else {
        form.fromError(error);
      }
    },
  });

  // A valid form only asks "for good?"; the deletion itself is the confirming button.
  const submit = form.onSubmit(() => setConfirming(true));

  return (
    <section className="card card--danger" aria-labelledby={headingId}>
      <h2 id={headingId}>Delete your account</h2>
      <p>
        This permanently deletes your account and everything you wrote in Tandem. If you're in a space, you leave it.
        It can't be undone.
      </p>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <Field
          label="Your password"
          name="delete_password"
          type="password"
          autoComplete="current-password"
          value={password.value}
          onChange={(value) => {
            password.onChange(value);
            setConfirming(false);
          }}
          error={password.error}
          required
        />
        {confirming ? (
          <div className="confirm" role="group" aria-label="Confirm deleting your account">
            <p className="confirm__question">Delete your account and everything you wrote, for good?</p>
            <div className="actions">
              <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
                Yes, delete my account
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </div>
          </div>
        ) : (
          <Button type="submit" variant="danger">
            Delete account
          </Button>
        )}
      </form>
    </section>
  );
}
