import type { RouteObject } from "react-router";
import { page } from "../app/lazyPage";
import { PatientOnly } from "./PatientOnly";

/** The practice area's pages, for members of a space. The journal's are the patient's alone. */
export const practiceRoutes: RouteObject[] = [
  {
    element: <PatientOnly />,
    children: [
      { path: "practice", lazy: page(() => import("./PracticePage").then((m) => m.PracticePage)) },
      { path: "practice/log", lazy: page(() => import("./LogEntryPage").then((m) => m.LogEntryPage)) },
      { path: "practice/entries/:entryId", lazy: page(() => import("./LogEntryPage").then((m) => m.EditEntryPage)) },
      { path: "practice/session", lazy: page(() => import("./GuidedSessionPage").then((m) => m.GuidedSessionPage)) },
      { path: "practice/progress", lazy: page(() => import("./ProgressPage").then((m) => m.ProgressPage)) },
      { path: "practice/goals", lazy: page(() => import("./GoalsPage").then((m) => m.GoalsPage)) },
      { path: "practice/setup", lazy: page(() => import("./SetupPage").then((m) => m.SetupPage)) },
      { path: "practice/summaries", lazy: page(() => import("./SummariesPage").then((m) => m.SummariesPage)) },
      { path: "practice/summaries/:summaryId", lazy: page(() => import("./ComposeSummaryPage").then((m) => m.ComposeSummaryPage)) },
      { path: "practice/report", lazy: page(() => import("./ReportPage").then((m) => m.ReportPage)) },
      {
        path: "practice/clinician-links",
        lazy: page(() => import("../clinician/ClinicianLinksPage").then((m) => m.ClinicianLinksPage)),
      },
    ],
  },
  { path: "summaries", lazy: page(() => import("./SharedSummariesPage").then((m) => m.SharedSummariesPage)) },
];
