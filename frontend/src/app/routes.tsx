import type { ReactNode } from "react";
import { Outlet, useLocation, useRoutes, type RouteObject } from "../router";
import { practiceRoutes } from "../practice/routes";
import { App } from "./App";
import { page } from "./lazyPage";
import { Home, PublicOnly, RequireAuth, RequireNoSpace, RequireSpace } from "./guards";
import { NotFoundPage } from "./NotFoundPage";
import { RouteErrorBoundary } from "./RouteError";

/** Catches a failure of its route's element, so it shows inside the layout, next to the navigation. */
function RouteBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return <RouteErrorBoundary resetKey={location.key}>{children}</RouteErrorBoundary>;
}

/** Every route gets an error boundary; every lazily loaded page has its loading line (see `page`). */
function withErrorBoundaries(routes: RouteObject[]): RouteObject[] {
  return routes.map((route) => {
    const children = route.children ? withErrorBoundaries(route.children) : undefined;
    return {
      ...route,
      element: <RouteBoundary>{route.element ?? <Outlet />}</RouteBoundary>,
      ...(children ? { children } : {}),
    };
  });
}

const routes = withErrorBoundaries([
  // Opened by a clinician without an account: outside the app's shell, its lock and its navigation.
  {
    path: "clinician-report",
    element: page(() => import("../clinician/ClinicianReportPage").then((m) => m.ClinicianReportPage)),
  },
  {
    element: <App />,
    children: [
      { index: true, element: <Home /> },
      {
        element: <PublicOnly />,
        children: [
          // Loaded on first visit like the other pages: the form library comes with them.
          { path: "login", element: page(() => import("../accounts/LogInPage").then((m) => m.LogInPage)) },
          { path: "signup", element: page(() => import("../accounts/SignUpPage").then((m) => m.SignUpPage)) },
        ],
      },
      { path: "join", element: page(() => import("../spaces/JoinPage").then((m) => m.JoinPage)) },
      {
        element: <RequireAuth />,
        children: [
          { path: "account", element: page(() => import("../accounts/AccountPage").then((m) => m.AccountPage)) },
          { path: "account/safety", element: page(() => import("../safety/SafetyPage").then((m) => m.SafetyPage)) },
          { path: "guides", element: page(() => import("../guides/GuidesPage").then((m) => m.GuidesPage)) },
          { path: "guides/sources", element: page(() => import("../guides/SourcesPage").then((m) => m.SourcesPage)) },
          { path: "guides/:guideId", element: page(() => import("../guides/GuidePage").then((m) => m.GuidePage)) },
          {
            element: <RequireNoSpace />,
            children: [{ path: "space/new", element: page(() => import("../spaces/CreateSpacePage").then((m) => m.CreateSpacePage)) }],
          },
          {
            element: <RequireSpace />,
            children: [
              { path: "space", element: page(() => import("../spaces/SpaceHomePage").then((m) => m.SpaceHomePage)) },
              { path: "space/ideas", element: page(() => import("../ideas/IdeasPage").then((m) => m.IdeasPage)) },
              { path: "space/ideas/rate", element: page(() => import("../ideas/RateAFewPage").then((m) => m.RateAFewPage)) },
              { path: "space/ideas/matches", element: page(() => import("../ideas/MatchesPage").then((m) => m.MatchesPage)) },
              { path: "space/ideas/new", element: page(() => import("../ideas/CustomIdeaPage").then((m) => m.CustomIdeaPage)) },
              { path: "space/ideas/custom/:customId", element: page(() => import("../ideas/CustomIdeaPage").then((m) => m.CustomIdeaPage)) },
              { path: "space/path", element: page(() => import("../path/PathPage").then((m) => m.PathPage)) },
              { path: "space/plans", element: page(() => import("../plans/PlansPage").then((m) => m.PlansPage)) },
              { path: "space/plans/:planId", element: page(() => import("../plans/PlanPage").then((m) => m.PlanPage)) },
              ...practiceRoutes,
              { path: "space/checkins", element: page(() => import("../checkins/CheckinsPage").then((m) => m.CheckinsPage)) },
              { path: "space/checkins/new", element: page(() => import("../checkins/NewCheckinPage").then((m) => m.NewCheckinPage)) },
              { path: "space/together", element: page(() => import("../checkins/TogetherPage").then((m) => m.TogetherPage)) },
              { path: "space/together/:roundId", element: page(() => import("../checkins/TogetherPage").then((m) => m.TogetherPage)) },
              { path: "space/sharing", element: page(() => import("../sharing/SharingPage").then((m) => m.SharingPage)) },
              { path: "space/boundaries", element: page(() => import("../boundaries/BoundariesPage").then((m) => m.BoundariesPage)) },
              { path: "space/prompts", element: page(() => import("../prompts/PromptsPage").then((m) => m.PromptsPage)) },
              { path: "space/prompts/:promptId", element: page(() => import("../prompts/PromptPage").then((m) => m.PromptPage)) },
              { path: "space/conversations/:conversationId", element: page(() => import("../prompts/ConversationPage").then((m) => m.ConversationPage)) },
            ],
          },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

/** The page for the current address. */
export function AppRoutes() {
  return useRoutes(routes);
}
