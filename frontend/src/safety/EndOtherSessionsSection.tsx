import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { useStepUp } from "../factors/stepUpContext";
import { sessionsKey } from "../accounts/SessionsSection";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { useFormErrors } from "../ui/formErrors";

/** One step to sign out every other device (a phone someone else has, a shared computer). */
export function EndOtherSessionsSection() {
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useFormErrors();
  const [status, setStatus] = useState<string | null>(null);

  const stepUp = useStepUp();
  const end = useMutation({
    mutationFn: () => stepUp(() => call(api.POST("/api/v1/me/sessions/end-others"))),
    onMutate: () => {
      form.clear();
      setStatus(null);
    },
    onSuccess: async ({ ended }) => {
      setStatus(ended === 0 ? "No other device was signed in." : ended === 1 ? "1 other device has been signed out." : `${ended} other devices have been signed out.`);
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
    onError: (error) => form.fromError(error),
  });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Sign out everywhere else</h2>
      <p>Ends every session except this one. Change your password too if someone may know it.</p>
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      <StatusMessage>{status}</StatusMessage>
      <Button variant="secondary" busy={end.isPending} onClick={() => end.mutate()}>
        End all other sessions
      </Button>
    </section>
  );
}
