import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { describeProblem, problemOf } from "../api/problem";
import { meKey, useMe } from "../app/auth";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Page } from "../ui/Page";
import { clearPendingInvitation, pendingInvitation, savePendingInvitation } from "./pendingInvitation";
import { spaceKeys } from "./queries";

export const INVITATION_UNUSABLE =
  "This invitation can't be used. It may have expired, been used or been revoked. Ask for a new link.";

/** Read the token from the link's fragment (#token), keep it for this tab, and take it out of the address bar. */
function useInvitationToken(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const fromHash = location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : null;
  const [token, setToken] = useState<string | null>(() => fromHash ?? pendingInvitation());

  if (fromHash && fromHash !== token) setToken(fromHash);

  useEffect(() => {
    if (fromHash) {
      savePendingInvitation(fromHash);
      void navigate({ pathname: "/join", hash: "" }, { replace: true });
    }
  }, [fromHash, navigate]);

  return token;
}

export function JoinPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { data: user } = useMe();
  const token = useInvitationToken();
  const [error, setError] = useState<string | null>(null);

  const accept = useMutation({
    mutationFn: (value: string) => call(api.POST("/api/v1/invitations/accept", { body: { token: value } })),
    onSuccess: async (space) => {
      clearPendingInvitation();
      queryClient.setQueryData(spaceKeys.one(space.id), space);
      await queryClient.refetchQueries({ queryKey: meKey });
      void navigate("/space", { replace: true });
    },
    onError: (failure) => {
      const problem = problemOf(failure);
      if (problem && (problem.status === 404 || problem.status === 410 || problem.status === 400)) {
        setError(INVITATION_UNUSABLE);
      } else if (problem && problem.status === 409) {
        setError(problem.detail || "You're already in a space. Leave it first (on your account page) to join this one.");
      } else {
        setError(problem ? describeProblem(problem) : "Something went wrong. Please try again.");
      }
    },
  });

  function discard() {
    clearPendingInvitation();
    void navigate(user ? "/" : "/login", { replace: true });
  }

  if (!token) {
    return (
      <Page title="Join a shared space">
        <p>We couldn't find an invitation here. Open the link your partner sent you, exactly as it was sent.</p>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </Page>
    );
  }

  if (!user) {
    return (
      <Page title="You've been invited to Tandem" documentTitle="Join a shared space">
        <p>
          You've been invited to share a private space on Tandem: a calm place for the two of you to
          check in, talk and plan, at your own pace.
        </p>
        <p>To join, create an account or log in. You'll come back here afterwards.</p>
        <div className="actions">
          <Link className="button button--primary" to="/signup">
            Sign up
          </Link>
          <Link className="button button--secondary" to="/login">
            Log in
          </Link>
        </div>
      </Page>
    );
  }

  return (
    <Page title="Join your partner's space" documentTitle="Join a shared space">
      <ErrorSummary message={error} title="This didn't work" />
      {user.membership ? (
        <>
          <p>
            You're already in a shared space. To join this one, first leave your current space on your{" "}
            <Link to="/account">account page</Link>.
          </p>
          <div className="actions">
            <Button variant="secondary" onClick={discard}>
              Forget this invitation
            </Button>
          </div>
        </>
      ) : (
        <>
          <p>
            You're signed in as <strong>{user.display_name}</strong>. Once you join, your partner will see your
            name and your role in the space, never your email address.
          </p>
          <div className="actions">
            <Button busy={accept.isPending} onClick={() => accept.mutate(token)}>
              Join space
            </Button>
            <Button variant="secondary" onClick={discard}>
              Not now
            </Button>
          </div>
        </>
      )}
    </Page>
  );
}
