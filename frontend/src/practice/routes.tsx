import type { RouteObject } from "react-router";
import { ComposeSummaryPage } from "./ComposeSummaryPage";
import { GoalsPage } from "./GoalsPage";
import { GuidedSessionPage } from "./GuidedSessionPage";
import { EditEntryPage, LogEntryPage } from "./LogEntryPage";
import { PatientOnly } from "./PatientOnly";
import { PracticePage } from "./PracticePage";
import { ProgressPage } from "./ProgressPage";
import { ReportPage } from "./ReportPage";
import { SetupPage } from "./SetupPage";
import { SharedSummariesPage } from "./SharedSummariesPage";
import { SummariesPage } from "./SummariesPage";

/** The practice area's pages, for members of a space. The journal's are the patient's alone. */
export const practiceRoutes: RouteObject[] = [
  {
    element: <PatientOnly />,
    children: [
      { path: "practice", element: <PracticePage /> },
      { path: "practice/log", element: <LogEntryPage /> },
      { path: "practice/entries/:entryId", element: <EditEntryPage /> },
      { path: "practice/session", element: <GuidedSessionPage /> },
      { path: "practice/progress", element: <ProgressPage /> },
      { path: "practice/goals", element: <GoalsPage /> },
      { path: "practice/setup", element: <SetupPage /> },
      { path: "practice/summaries", element: <SummariesPage /> },
      { path: "practice/summaries/:summaryId", element: <ComposeSummaryPage /> },
      { path: "practice/report", element: <ReportPage /> },
    ],
  },
  { path: "summaries", element: <SharedSummariesPage /> },
];
