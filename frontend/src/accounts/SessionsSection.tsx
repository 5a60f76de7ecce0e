import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { useFormErrors } from "../ui/formErrors";
import { formatDateTime } from "../ui/format";
import { QueryStatus } from "../ui/QueryFallback";

export const sessionsKey = ["me", "sessions"] as const;

export function SessionsSection() {
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useFormErrors();
  const [status, setStatus] = useState<string | null>(null);

  const sessions = useQuery({ queryKey: sessionsKey, queryFn: () => call(api.GET("/api/v1/me/sessions")) });

  const end = useMutation({
    mutationFn: (sessionId: string) =>
      call(api.DELETE("/api/v1/me/sessions/{session_id}", { params: { path: { session_id: sessionId } } })),
    onMutate: () => {
      form.clear();
      setStatus(null);
    },
    onSuccess: async () => {
      setStatus("That device has been signed out.");
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
    onError: (error) => form.fromError(error),
  });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Where you're signed in</h2>
      <p>If you don't recognise a device, end its session and change your password.</p>
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      <StatusMessage>{status}</StatusMessage>
      <QueryStatus query={sessions} loading="Loading your sessions…" failed="We couldn't load your sessions. Please reload the page." />
      {sessions.data ? (
        <ul className="plain-list sessions">
          {sessions.data.map((session) => {
            const device = session.device || "Unknown device";
            return (
              <li key={session.id} className="plain-list__item">
                <span className="sessions__text">
                  <span className="sessions__device">
                    {device}
                    {session.current ? <span className="tag">This device</span> : null}
                  </span>
                  <span className="muted">
                    Last seen {formatDateTime(session.last_seen_at)} · signed in {formatDateTime(session.created_at)}
                  </span>
                </span>
                {session.current ? null : (
                  <Button
                    variant="secondary"
                    busy={end.isPending && end.variables === session.id}
                    onClick={() => end.mutate(session.id)}
                    aria-label={`End session on ${device}, last seen ${formatDateTime(session.last_seen_at)}`}
                  >
                    End session
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
