import { NavLink } from "react-router";
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
  return (
    <nav className="subnav" aria-label="Ideas and plans">
      <ul className="subnav__list">
        {LINKS.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end
              className={({ isActive }) => (isActive ? "subnav__link subnav__link--active" : "subnav__link")}
            >
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
