import { createBrowserRouter, type RouteObject } from "react-router";
import { practiceRoutes } from "../practice/routes";
import { SpaceHomePage } from "../spaces/SpaceHomePage";
import { App } from "./App";
import { page } from "./lazyPage";
import { Home, PublicOnly, RequireAuth, RequireNoSpace, RequireSpace } from "./guards";
import { NotFoundPage } from "./NotFoundPage";
import { RouteError } from "./RouteError";
import { Loading } from "../ui/Loading";

/**
 * Every route gets an error element (so a failure shows inside the layout, next to the navigation),
 * and every lazily loaded page a fallback for the moment its code arrives on a first visit.
 */
function withFallbacks(routes: RouteObject[]): RouteObject[] {
  return routes.map((route) => {
    const children = route.children ? withFallbacks(route.children) : undefined;
    return {
      ...route,
      errorElement: route.errorElement ?? <RouteError />,
      ...(route.lazy ? { hydrateFallbackElement: route.hydrateFallbackElement ?? <Loading /> } : {}),
      ...(children ? { children } : {}),
    } as RouteObject;
  });
}

export const router = createBrowserRouter(withFallbacks([
  // Opened by a clinician without an account: outside the app's shell, its lock and its navigation.
  {
    path: "clinician-report",
    lazy: page(() => import("../clinician/ClinicianReportPage").then((m) => m.ClinicianReportPage)),
  },
  {
    element: <App />,
    children: [
      { index: true, element: <Home /> },
      {
        element: <PublicOnly />,
        children: [
          // Loaded on first visit like the other pages: the form library comes with them.
          { path: "login", lazy: page(() => import("../accounts/LogInPage").then((m) => m.LogInPage)) },
          { path: "signup", lazy: page(() => import("../accounts/SignUpPage").then((m) => m.SignUpPage)) },
        ],
      },
      { path: "join", lazy: page(() => import("../spaces/JoinPage").then((m) => m.JoinPage)) },
      {
        element: <RequireAuth />,
        children: [
          { path: "account", lazy: page(() => import("../accounts/AccountPage").then((m) => m.AccountPage)) },
          { path: "account/safety", lazy: page(() => import("../safety/SafetyPage").then((m) => m.SafetyPage)) },
          { path: "guides", lazy: page(() => import("../guides/GuidesPage").then((m) => m.GuidesPage)) },
          { path: "guides/sources", lazy: page(() => import("../guides/SourcesPage").then((m) => m.SourcesPage)) },
          { path: "guides/:guideId", lazy: page(() => import("../guides/GuidePage").then((m) => m.GuidePage)) },
          {
            element: <RequireNoSpace />,
            children: [{ path: "space/new", lazy: page(() => import("../spaces/CreateSpacePage").then((m) => m.CreateSpacePage)) }],
          },
          {
            element: <RequireSpace />,
            children: [
              { path: "space", element: <SpaceHomePage /> },
              { path: "space/ideas", lazy: page(() => import("../ideas/IdeasPage").then((m) => m.IdeasPage)) },
              { path: "space/ideas/rate", lazy: page(() => import("../ideas/RateAFewPage").then((m) => m.RateAFewPage)) },
              { path: "space/ideas/matches", lazy: page(() => import("../ideas/MatchesPage").then((m) => m.MatchesPage)) },
              { path: "space/ideas/new", lazy: page(() => import("../ideas/CustomIdeaPage").then((m) => m.CustomIdeaPage)) },
              { path: "space/ideas/custom/:customId", lazy: page(() => import("../ideas/CustomIdeaPage").then((m) => m.CustomIdeaPage)) },
              { path: "space/path", lazy: page(() => import("../path/PathPage").then((m) => m.PathPage)) },
              { path: "space/plans", lazy: page(() => import("../plans/PlansPage").then((m) => m.PlansPage)) },
              { path: "space/plans/:planId", lazy: page(() => import("../plans/PlanPage").then((m) => m.PlanPage)) },
              ...practiceRoutes,
              { path: "space/checkins", lazy: page(() => import("../checkins/CheckinsPage").then((m) => m.CheckinsPage)) },
              { path: "space/checkins/new", lazy: page(() => import("../checkins/NewCheckinPage").then((m) => m.NewCheckinPage)) },
              { path: "space/together", lazy: page(() => import("../checkins/TogetherPage").then((m) => m.TogetherPage)) },
              { path: "space/together/:roundId", lazy: page(() => import("../checkins/TogetherPage").then((m) => m.TogetherPage)) },
              { path: "space/sharing", lazy: page(() => import("../sharing/SharingPage").then((m) => m.SharingPage)) },
              { path: "space/boundaries", lazy: page(() => import("../boundaries/BoundariesPage").then((m) => m.BoundariesPage)) },
              { path: "space/prompts", lazy: page(() => import("../prompts/PromptsPage").then((m) => m.PromptsPage)) },
              { path: "space/prompts/:promptId", lazy: page(() => import("../prompts/PromptPage").then((m) => m.PromptPage)) },
              { path: "space/conversations/:conversationId", lazy: page(() => import("../prompts/ConversationPage").then((m) => m.ConversationPage)) },
            ],
          },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]));
