import { Navigate, Outlet, useLocation } from "../router";
import type { User } from "../api/types";
import { pendingInvitation } from "../spaces/pendingInvitation";
import { sessionNotice, useMe } from "./auth";

interface FromState {
  from?: string;
}

/** Where a signed-in person belongs when no particular page was asked for. */
export function homeFor(user: User): string {
  if (pendingInvitation()) return "/join";
  return user.membership ? "/space" : "/space/new";
}

/** Pages for signed-in people only: others go to /login, and come back afterwards. */
export function RequireAuth() {
  const { data: user } = useMe();
  const location = useLocation();
  if (!user) {
    // After logging out on purpose, start afresh rather than return to the page left behind.
    if (sessionNotice()) return <Navigate to="/login" replace />;
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from } satisfies FromState} />;
  }
  return <Outlet />;
}

/** Pages that need a space: people without one go to create it. */
export function RequireSpace() {
  const { data: user } = useMe();
  if (user && !user.membership) return <Navigate to="/space/new" replace />;
  return <Outlet />;
}

/** Pages for people without a space (creating one). */
export function RequireNoSpace() {
  const { data: user } = useMe();
  if (user?.membership) return <Navigate to="/space" replace />;
  return <Outlet />;
}

/** Log in and sign up: a signed-in person moves on to where they were going. */
export function PublicOnly() {
  const { data: user } = useMe();
  const location = useLocation();
  if (user) {
    const from = (location.state as FromState | null)?.from;
    const target = pendingInvitation() ? "/join" : from && from !== "/" ? from : homeFor(user);
    return <Navigate to={target} replace />;
  }
  return <Outlet />;
}

/** The start page only forwards. */
export function Home() {
  const { data: user } = useMe();
  return <Navigate to={user ? homeFor(user) : "/login"} replace />;
}
