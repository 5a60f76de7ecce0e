import { NavLink } from "react-router";

const LINKS = [
  { to: "/guides", label: "All guides" },
  { to: "/guides/sources", label: "Sources" },
];

export function GuidesNav() {
  return (
    <nav className="subnav" aria-label="Guides">
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
