import { useUser } from "../app/auth";
import { NavItem } from "../ui/Layout";

/** One navigation link: the journal for the patient, shared summaries for the partner. */
export function PracticeNavItem() {
  const user = useUser();
  if (!user.membership) return null;
  return user.membership.role === "patient" ? (
    <NavItem to="/practice">Practice</NavItem>
  ) : (
    <NavItem to="/summaries">Summaries</NavItem>
  );
}
