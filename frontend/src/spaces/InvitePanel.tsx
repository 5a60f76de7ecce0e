import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import type { CreatedInvitation } from "../api/types";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { useFormErrors } from "../ui/formErrors";
import { formatDate, formatDateTime } from "../ui/format";
import { spaceKeys, spaceQueries } from "./queries";

export function invitationLink(token: string): string {
  // The token travels in the fragment, which browsers never send to a server.
  return `${window.location.origin}/join#${encodeURIComponent(token)}`;
}

async function copyText(text: string, fallback: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallback) return false;
    fallback.select();
    return document.execCommand("copy");
  }
}

export function InvitePanel({ spaceId }: { spaceId: string }) {
  const queryClient = useQueryClient();
  const form = useFormErrors();
  const headingId = useId();
  const linkInput = useRef<HTMLInputElement>(null);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const invitationsKey = spaceKeys.invitations(spaceId);

  const invitations = useQuery(spaceQueries.invitations(spaceId));

  const create = useMutation({
    mutationFn: () => call(api.POST("/api/v1/spaces/{space_id}/invitations", { params: { path: { space_id: spaceId } } })),
    onMutate: () => {
      form.clear();
      setStatus(null);
    },
    onSuccess: async (invitation) => {
      setCreated(invitation);
      setStatus("Your invitation link is ready.");
      await queryClient.invalidateQueries({ queryKey: invitationsKey });
    },
    onError: (error) => form.fromError(error),
  });

  const revoke = useMutation({
    mutationFn: (invitationId: string) =>
      call(
        api.DELETE("/api/v1/spaces/{space_id}/invitations/{invitation_id}", {
          params: { path: { space_id: spaceId, invitation_id: invitationId } },
        }),
      ),
    onMutate: () => {
      form.clear();
      setStatus(null);
    },
    onSuccess: async (_data, invitationId) => {
      if (created?.id === invitationId) setCreated(null);
      setStatus("The invitation was revoked. Its link no longer works.");
      await queryClient.invalidateQueries({ queryKey: invitationsKey });
    },
    onError: (error) => form.fromError(error),
  });

  async function copy() {
    if (!created) return;
    const ok = await copyText(invitationLink(created.token), linkInput.current);
    setStatus(ok ? "Link copied. Send it to your partner in a private message." : "Select the link and copy it yourself.");
  }

  const pending = invitations.data ?? [];

  return (
    <section className="card invite" aria-labelledby={headingId}>
      <h2 id={headingId}>Invite your partner</h2>
      <p>
        Create a private link and send it to your partner yourself, in a message only they read. The link works
        once, and only until it expires.
      </p>
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      <StatusMessage>{status}</StatusMessage>

      {created ? (
        <div className="invite__link">
          <label className="field__label" htmlFor="invitation-link">
            Invitation link
          </label>
          <div className="copy-row">
            <input
              ref={linkInput}
              id="invitation-link"
              className="field__input copy-row__input"
              readOnly
              value={invitationLink(created.token)}
              onFocus={(event) => event.target.select()}
              aria-describedby="invitation-expiry"
            />
            <Button variant="secondary" onClick={() => void copy()}>
              Copy link
            </Button>
          </div>
          <p className="field__hint" id="invitation-expiry">
            This link expires on {formatDateTime(created.expires_at)}. You won't see it again after you leave this page.
          </p>
        </div>
      ) : (
        <Button busy={create.isPending} onClick={() => create.mutate()}>
          Create invitation link
        </Button>
      )}

      {pending.length > 0 ? (
        <>
          <h3>Invitations waiting</h3>
          <ul className="plain-list">
            {pending.map((invitation) => {
              const createdOn = formatDateTime(invitation.created_at);
              return (
                <li key={invitation.id} className="plain-list__item">
                  <span>
                    Created {createdOn}, expires {formatDate(invitation.expires_at)}
                  </span>
                  <Button
                    variant="secondary"
                    busy={revoke.isPending && revoke.variables === invitation.id}
                    onClick={() => revoke.mutate(invitation.id)}
                    aria-label={`Revoke the invitation created ${createdOn}`}
                  >
                    Revoke
                  </Button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
