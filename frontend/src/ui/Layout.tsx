import type { MouseEvent, ReactNode } from "react";
import { Link, NavLink } from "../router";

/**
 * Move focus to the main content without changing the URL's fragment
 * (the join page keeps its invitation token there).
 */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById("main");
  if (!main) return;
  event.preventDefault();
  main.focus();
  main.scrollIntoView();
}

interface LayoutProps {
  /** Navigation for a signed-in person; null when signed out. */
  nav: ReactNode;
  children: ReactNode;
}

export function Layout({ nav, children }: LayoutProps) {
  return (
    <div className={nav ? "shell shell--tabs" : "shell"}>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">Tandem</span>
          </Link>
          {nav}
        </div>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          Tandem doesn't give medical advice. Your clinician or pelvic-floor physiotherapist is the right person for
          questions about your treatment.
        </p>
      </footer>
    </div>
  );
}

/**
 * One place in the navigation. NavLink marks the current page with aria-current="page"; a section's
 * pages below it (a plan under Ideas & plans) keep their tab marked by its look only.
 */
export function NavItem({ to, children }: { to: string; children: ReactNode }) {
  return (
    <li>
      <NavLink to={to} end className={({ isActive }) => (isActive ? "nav__link nav__link--active" : "nav__link")}>
        {children}
      </NavLink>
    </li>
  );
}
