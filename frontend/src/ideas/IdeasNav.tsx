import { SubNav } from "../ui/SubNav";
import "./ideas.css";

const LINKS = [
  { to: "/space/ideas", label: "All ideas" },
  { to: "/space/ideas/rate", label: "Rate a few" },
  { to: "/space/ideas/matches", label: "Your matches" },
  { to: "/space/plans", label: "Plans" },
  { to: "/space/path", label: "Your path" },
];

/** Moving between the planner's pages. */
export function IdeasNav() {
  return <SubNav label="Ideas and plans" links={LINKS} />;
}
