import { NavLink } from "../router";
import "./subnav.css";

export interface SubNavLink {
  to: string;
  label: string;
}

/** Moving between the pages of one area; the current page is marked. */
export function SubNav({ label, links }: { label: string; links: readonly SubNavLink[] }) {
  return (
    <nav className="subnav" aria-label={label}>
      <ul className="subnav__list">
        {links.map((link) => (
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
