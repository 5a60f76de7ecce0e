import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api } from "../api/client";
import { call } from "../api/call";
import { problemOf } from "../api/problem";
import { endSession } from "../app/auth";
import { clearPendingInvitation } from "../spaces/pendingInvitation";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { required, useFormErrors } from "../ui/forms";

export function DeleteAccountSection() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const headingId = useId();
  const form = useFormErrors();
  const [password, setPassword] = useState("");
  const [confirming, setConfirming] = useState(false);

  const remove = useMutation({
    mutationFn: () => call(api.DELETE("/api/v1/me", { body: { password } })),
    onSuccess: () => {
      clearPendingInvitation();
      endSession(queryClient, "Your account and everything you wrote in Tandem have been deleted.");
      void navigate("/login", { replace: true });
    },
    onError: (error) => {
      setConfirming(false);
      if (problemOf(error)?.status === 403) {
        form.validate([{ field: "delete_password", message: "That isn't your password." }]);
      } else {
        form.fromError(error);
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (form.validate(required(password, "delete_password", "Enter your password to delete your account."))) {
      setConfirming(true);
    }
  }

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
          value={password}
          onChange={(value) => {
            setPassword(value);
            setConfirming(false);
          }}
          error={form.fieldError("delete_password")}
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
