import type { RouteObject } from "../router";
import { page } from "../app/lazyPage";
import { PatientOnly } from "./PatientOnly";

/** The practice area's pages, for members of a space. The journal's are the patient's alone. */
export const practiceRoutes: RouteObject[] = [
  {
    element: <PatientOnly />,
    children: [
      { path: "practice", element: page(() => import("./PracticePage").then((m) => m.PracticePage)) },
      { path: "practice/log", element: page(() => import("./LogEntryPage").then((m) => m.LogEntryPage)) },
      { path: "practice/entries/:entryId", element: page(() => import("./LogEntryPage").then((m) => m.EditEntryPage)) },
      { path: "practice/session", element: page(() => import("./GuidedSessionPage").then((m) => m.GuidedSessionPage)) },
      { path: "practice/progress", element: page(() => import("./ProgressPage").then((m) => m.ProgressPage)) },
      { path: "practice/goals", element: page(() => import("./GoalsPage").then((m) => m.GoalsPage)) },
      { path: "practice/setup", element: page(() => import("./SetupPage").then((m) => m.SetupPage)) },
      { path: "practice/summaries", element: page(() => import("./SummariesPage").then((m) => m.SummariesPage)) },
      { path: "practice/summaries/:summaryId", element: page(() => import("./ComposeSummaryPage").then((m) => m.ComposeSummaryPage)) },
      { path: "practice/report", element: page(() => import("./ReportPage").then((m) => m.ReportPage)) },
      {
        path: "practice/clinician-links",
        element: page(() => import("../clinician/ClinicianLinksPage").then((m) => m.ClinicianLinksPage)),
      },
    ],
  },
  { path: "summaries", element: page(() => import("./SharedSummariesPage").then((m) => m.SharedSummariesPage)) },
];
