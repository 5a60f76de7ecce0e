import { createBrowserRouter } from "react-router";
import { AccountPage } from "../accounts/AccountPage";
import { LogInPage } from "../accounts/LogInPage";
import { SignUpPage } from "../accounts/SignUpPage";
import { practiceRoutes } from "../practice/routes";
import { BoundariesPage } from "../boundaries/BoundariesPage";
import { CheckinsPage } from "../checkins/CheckinsPage";
import { NewCheckinPage } from "../checkins/NewCheckinPage";
import { TogetherPage } from "../checkins/TogetherPage";
import { ConversationPage } from "../prompts/ConversationPage";
import { PromptPage } from "../prompts/PromptPage";
import { PromptsPage } from "../prompts/PromptsPage";
import { CreateSpacePage } from "../spaces/CreateSpacePage";
import { JoinPage } from "../spaces/JoinPage";
import { SpaceHomePage } from "../spaces/SpaceHomePage";
import { CustomIdeaPage } from "../ideas/CustomIdeaPage";
import { IdeasPage } from "../ideas/IdeasPage";
import { MatchesPage } from "../ideas/MatchesPage";
import { RateAFewPage } from "../ideas/RateAFewPage";
import { PlanPage } from "../plans/PlanPage";
import { PlansPage } from "../plans/PlansPage";
import { App } from "./App";
import { Home, PublicOnly, RequireAuth, RequireNoSpace, RequireSpace } from "./guards";
import { NotFoundPage } from "./NotFoundPage";

export const router = createBrowserRouter([
  {
    element: <App />,
    children: [
      { index: true, element: <Home /> },
      {
        element: <PublicOnly />,
        children: [
          { path: "login", element: <LogInPage /> },
          { path: "signup", element: <SignUpPage /> },
        ],
      },
      { path: "join", element: <JoinPage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: "account", element: <AccountPage /> },
          { element: <RequireNoSpace />, children: [{ path: "space/new", element: <CreateSpacePage /> }] },
          {
            element: <RequireSpace />,
            children: [
              { path: "space", element: <SpaceHomePage /> },
              { path: "space/ideas", element: <IdeasPage /> },
              { path: "space/ideas/rate", element: <RateAFewPage /> },
              { path: "space/ideas/matches", element: <MatchesPage /> },
              { path: "space/ideas/new", element: <CustomIdeaPage /> },
              { path: "space/ideas/custom/:customId", element: <CustomIdeaPage /> },
              { path: "space/plans", element: <PlansPage /> },
              { path: "space/plans/:planId", element: <PlanPage /> },
              ...practiceRoutes,
              { path: "space/checkins", element: <CheckinsPage /> },
              { path: "space/checkins/new", element: <NewCheckinPage /> },
              { path: "space/together", element: <TogetherPage /> },
              { path: "space/together/:roundId", element: <TogetherPage /> },
              { path: "space/boundaries", element: <BoundariesPage /> },
              { path: "space/prompts", element: <PromptsPage /> },
              { path: "space/prompts/:promptId", element: <PromptPage /> },
              { path: "space/conversations/:conversationId", element: <ConversationPage /> },
            ],
          },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
