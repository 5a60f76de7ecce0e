import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Outlet, useNavigate } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { OutboxNotice } from "../offline/OutboxNotice";
import { LockGate } from "../safety/LockGate";
import { installDiscreetMode } from "../safety/discreet";
import { installQuickExit } from "../safety/quickExit";
import { PracticeNavItem } from "../practice/PracticeNavItem";
import { Button } from "../ui/Button";
import { Layout, NavItem } from "../ui/Layout";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { endSession, useMe } from "./auth";
import { ScrollRestoration } from "./ScrollRestoration";

installQuickExit();
installDiscreetMode();

function SignedInNav() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { data: user } = useMe();
  const logout = useMutation({
    mutationFn: () => call(api.POST("/api/v1/auth/logout")),
    onSettled: () => {
      endSession(queryClient, "You've logged out.");
      void navigate("/login", { replace: true });
    },
  });

  // At most five places in the tab bar (a bottom bar on phones, a top bar on wide screens); the
  // account and logging out sit apart in the header.
  const tabs = (
    <nav className="tabbar" aria-label="Main">
      <ul className="tabbar__list">
        {user?.membership ? <NavItem to="/space">Our space</NavItem> : null}
        {user?.membership ? <NavItem to="/space/checkins">Check-ins</NavItem> : null}
        <PracticeNavItem />
        {user?.membership ? <NavItem to="/space/ideas">Ideas &amp; plans</NavItem> : null}
        <NavItem to="/guides">Guides</NavItem>
      </ul>
    </nav>
  );
  const account = (
    <nav className="account-nav" aria-label="Account">
      <ul className="account-nav__list">
        <NavItem to="/account">Account</NavItem>
        <li>
          <Button variant="link" className="nav__logout" busy={logout.isPending} onClick={() => logout.mutate()}>
            Log out
          </Button>
        </li>
      </ul>
    </nav>
  );
  return (
    <>
      {tabs}
      {account}
    </>
  );
}

/** The root of every page, behind the app lock: nothing of it renders while the session is locked. */
export function App() {
  return (
    <LockGate>
      <Shell />
    </LockGate>
  );
}

/** The layout, and a wait for "who is signed in?". */
function Shell() {
  const me = useMe();

  let content;
  if (me.isPending) {
    content = <Loading />;
  } else if (me.isError) {
    content = (
      <Page title="We couldn't reach Tandem">
        <p>Check your connection, then try again.</p>
        <Button onClick={() => void me.refetch()}>Try again</Button>
      </Page>
    );
  } else {
    content = <Outlet />;
  }

  return (
    <Layout nav={me.data ? <SignedInNav /> : null}>
      <ScrollRestoration />
      <OutboxNotice />
      {content}
    </Layout>
  );
}
