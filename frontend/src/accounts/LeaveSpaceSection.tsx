import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useNavigate } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { meKey } from "../app/auth";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { useFormErrors } from "../ui/formErrors";
import { spaceKeys } from "../spaces/queries";

export function LeaveSpaceSection({ spaceId }: { spaceId: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const headingId = useId();
  const form = useFormErrors();
  const [confirming, setConfirming] = useState(false);

  const leave = useMutation({
    mutationFn: () => call(api.POST("/api/v1/spaces/{space_id}/leave", { params: { path: { space_id: spaceId } } })),
    onMutate: () => form.clear(),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: spaceKeys.one(spaceId) });
      queryClient.removeQueries({ queryKey: spaceKeys.invitations(spaceId) });
      await queryClient.refetchQueries({ queryKey: meKey });
      void navigate("/space/new", { replace: true });
    },
    onError: (error) => form.fromError(error),
  });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Leave your space</h2>
      <p>
        If you leave, you and your partner no longer share this space. You can't undo this, but you can create a new
        space or be invited again.
      </p>
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm leaving the space">
          <p className="confirm__question">Are you sure you want to leave this space?</p>
          <div className="actions">
            <Button variant="danger" busy={leave.isPending} onClick={() => leave.mutate()}>
              Yes, leave space
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Leave space
        </Button>
      )}
    </section>
  );
}
