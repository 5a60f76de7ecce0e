import { useMe } from "../app/auth";
import { NavItem } from "../ui/Layout";

/** One navigation link: the journal for the patient, shared summaries for the partner. */
export function PracticeNavItem() {
  // The navigation also shows while signing out, when there is no user any more: useUser() would throw.
  const { data: user } = useMe();
  if (!user?.membership) return null;
  return user.membership.role === "patient" ? (
    <NavItem to="/practice">Practice</NavItem>
  ) : (
    <NavItem to="/summaries">Summaries</NavItem>
  );
}
