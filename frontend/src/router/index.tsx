/**
 * The app's router: addresses in the browser's history, a table of routes matched against them,
 * links, and the hooks the pages use. It does what Tandem needs and no more (no data loading, no
 * forms, no prefetching), so that it weighs a few kB on the first load where a general router
 * weighs tens. The names follow react-router's, which the app used before.
 */
import {
  createContext,
  startTransition,
  use,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from "react";

export interface Location {
  pathname: string;
  search: string;
  hash: string;
  /** What the page that navigated here passed along (`navigate(to, { state })`), or null. */
  state: unknown;
  /** Tells history entries apart, even two of the same address. */
  key: string;
}

/** How the current location was reached: back/forward or a first load, a new entry, or a replaced one. */
export type NavigationType = "POP" | "PUSH" | "REPLACE";

export type To = string | { pathname?: string; search?: string; hash?: string };

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

export type NavigateFunction = (to: To, options?: NavigateOptions) => void;

export interface RouteObject {
  /** Relative to the parent route, without a leading slash; ":name" is a parameter, "*" matches the rest. */
  path?: string;
  index?: boolean;
  /** What the route shows; a route without one shows its matched child (`<Outlet />`). */
  element?: ReactNode;
  children?: RouteObject[];
}

/** What history.state holds for each entry. */
interface HistoryEntry {
  key?: string;
  state?: unknown;
}

interface RouterState {
  location: Location;
  type: NavigationType;
}

const RouterContext = createContext<RouterState | null>(null);
const NavigateContext = createContext<NavigateFunction | null>(null);
const RouteContext = createContext<{ outlet: ReactNode; params: Readonly<Record<string, string>> }>({
  outlet: null,
  params: {},
});

function currentLocation(): Location {
  const { pathname, search, hash } = window.location;
  const entry = (window.history.state ?? {}) as HistoryEntry;
  return { pathname, search, hash, state: entry.state ?? null, key: entry.key ?? "default" };
}

/**
 * The absolute URL `to` points at: a string resolves against the current address like an <a href>;
 * an object keeps the current path unless it gives one, and has only the query and fragment it gives.
 */
function resolve(to: To): URL {
  if (typeof to === "string") return new URL(to, window.location.href);
  const url = new URL(window.location.href);
  if (to.pathname !== undefined) url.pathname = to.pathname;
  url.search = to.search ?? "";
  url.hash = to.hash ?? "";
  return url;
}

function hrefOf(url: URL): string {
  return url.pathname + url.search + url.hash;
}

/** Keeps the current location in sync with the browser's history; navigation renders as a transition. */
export function BrowserRouter({ children }: { children: ReactNode }) {
  const [router, setRouter] = useState<RouterState>(() => ({ location: currentLocation(), type: "POP" }));

  useLayoutEffect(() => {
    const onPopState = () => startTransition(() => setRouter({ location: currentLocation(), type: "POP" }));
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);

  const navigate = useCallback<NavigateFunction>((to, options = {}) => {
    const entry: HistoryEntry = { key: Math.random().toString(36).slice(2, 10), state: options.state ?? null };
    const href = hrefOf(resolve(to));
    if (options.replace) window.history.replaceState(entry, "", href);
    else window.history.pushState(entry, "", href);
    startTransition(() => setRouter({ location: currentLocation(), type: options.replace ? "REPLACE" : "PUSH" }));
  }, []);

  return (
    <NavigateContext value={navigate}>
      <RouterContext value={router}>{children}</RouterContext>
    </NavigateContext>
  );
}

function useRouter(): RouterState {
  const router = use(RouterContext);
  if (!router) throw new Error("Routing hooks need a <BrowserRouter> above them");
  return router;
}

export function useLocation(): Location {
  return useRouter().location;
}

export function useNavigationType(): NavigationType {
  return useRouter().type;
}

export function useNavigate(): NavigateFunction {
  const navigate = use(NavigateContext);
  if (!navigate) throw new Error("useNavigate() needs a <BrowserRouter> above it");
  return navigate;
}

/** The matched route's parameters (":guideId" in "guides/:guideId"). */
export function useParams(): Readonly<Partial<Record<string, string>>> {
  return use(RouteContext).params;
}

/** The address's query, and a way to change it (a new history entry unless `replace`). */
export function useSearchParams(): [
  URLSearchParams,
  (next: URLSearchParams | Record<string, string> | ((current: URLSearchParams) => URLSearchParams), options?: NavigateOptions) => void,
] {
  const { search } = useLocation();
  const navigate = useNavigate();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const setParams = useCallback(
    (
      next: URLSearchParams | Record<string, string> | ((current: URLSearchParams) => URLSearchParams),
      options?: NavigateOptions,
    ) => {
      const value = typeof next === "function" ? next(new URLSearchParams(window.location.search)) : next;
      const query = new URLSearchParams(value).toString();
      navigate({ search: query ? `?${query}` : "" }, options);
    },
    [navigate],
  );
  return [params, setParams];
}

/** Goes to `to` once rendered (a guard sending someone elsewhere). */
export function Navigate({ to, replace, state }: { to: To; replace?: boolean; state?: unknown }) {
  const navigate = useNavigate();
  const href = hrefOf(resolve(to));
  const stateKey = JSON.stringify(state ?? null);
  useEffect(() => {
    navigate(href, { replace, state: JSON.parse(stateKey) as unknown });
  }, [navigate, href, replace, stateKey]);
  return null;
}

/** Where the matched child route renders inside its parent's element. */
export function Outlet() {
  return use(RouteContext).outlet;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & {
  to: To;
  replace?: boolean;
  state?: unknown;
};

/** A plain link that, on an ordinary click, changes page without reloading the app. */
export function Link({ to, replace, state, onClick, target, ...rest }: LinkProps) {
  const navigate = useNavigate();
  const { location } = useRouter();
  const href = hrefOf(resolve(to));
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    const modified = event.metaKey || event.altKey || event.ctrlKey || event.shiftKey;
    if (event.defaultPrevented || event.button !== 0 || modified || (target && target !== "_self")) return;
    event.preventDefault();
    // A link to the page already shown replaces its entry rather than adding the same page again.
    const here = location.pathname + location.search + location.hash;
    navigate(href, { replace: replace ?? href === here, state });
  }
  return <a {...rest} href={href} target={target} onClick={handleClick} />;
}

type NavLinkProps = Omit<LinkProps, "className"> & {
  /** Active only on exactly this path, not on the pages below it. */
  end?: boolean;
  className?: string | ((state: { isActive: boolean }) => string);
};

/** A link that knows whether it leads to the current page, and marks it with aria-current="page". */
export function NavLink({ to, end = false, className, ...rest }: NavLinkProps) {
  const { pathname } = useLocation();
  const target = trimSlash(resolve(to).pathname.toLowerCase());
  const current = trimSlash(pathname.toLowerCase());
  const isActive = current === target || (!end && current.startsWith(target === "/" ? "/" : `${target}/`));
  return (
    <Link
      {...rest}
      to={to}
      aria-current={isActive ? "page" : undefined}
      className={typeof className === "function" ? className({ isActive }) : className}
    />
  );
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

interface Branch {
  /** The routes from the outermost to the matched one. */
  routes: RouteObject[];
  segments: string[];
  score: number;
}

/**
 * Every route that can be matched (those with a path or index), with the routes around it. A more
 * specific path wins: a fixed segment over a parameter, a parameter over "*"; on a tie, the one
 * listed first.
 */
function flatten(routes: RouteObject[], parents: RouteObject[] = [], parentSegments: string[] = []): Branch[] {
  return routes.flatMap((route) => {
    const chain = [...parents, route];
    const segments = [...parentSegments, ...(route.path ?? "").split("/").filter(Boolean)];
    const own: Branch[] =
      route.index || route.path !== undefined
        ? [{ routes: chain, segments, score: score(segments) + (route.index ? 2 : 0) }]
        : [];
    return [...flatten(route.children ?? [], chain, segments), ...own];
  });
}

function score(segments: string[]): number {
  return segments.reduce((sum, segment) => sum + (segment === "*" ? -2 : segment.startsWith(":") ? 3 : 10), 0);
}

function match(branch: Branch, pathname: string): Record<string, string> | null {
  const parts = pathname.split("/").filter(Boolean);
  const params: Record<string, string> = {};
  for (const [i, segment] of branch.segments.entries()) {
    if (segment === "*") {
      params["*"] = parts.slice(i).join("/");
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.startsWith(":")) {
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
      } catch {
        params[segment.slice(1)] = part;
      }
    } else if (segment.toLowerCase() !== part.toLowerCase()) {
      return null;
    }
  }
  return parts.length === branch.segments.length ? params : null;
}

/**
 * The element for the current address: the matched route's element inside those of the routes
 * around it (each one's <Outlet /> shows the next). Nothing when no route matches.
 */
export function useRoutes(routes: RouteObject[]): ReactNode {
  const { pathname } = useLocation();
  const branches = useMemo(
    () => flatten(routes).map((branch, order) => ({ branch, order })).sort((a, b) => b.branch.score - a.branch.score || a.order - b.order),
    [routes],
  );
  for (const { branch } of branches) {
    const params = match(branch, pathname);
    if (!params) continue;
    return branch.routes.reduceRight<ReactNode>(
      (outlet, route) => <RouteContext value={{ outlet, params }}>{route.element ?? <Outlet />}</RouteContext>,
      null,
    );
  }
  return null;
}
