/** Keys and query options for clinician links (generated client only). */
import { queryOptions } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";

export type ClinicianLink = components["schemas"]["LinkOut"];
export type CreatedLink = components["schemas"]["LinkCreated"];
export type LinkInput = components["schemas"]["LinkIn"];
export type ClinicianReport = components["schemas"]["ClinicianReportOut"];
export type Section = ClinicianLink["sections"][number];

export const SECTION_LABEL: Record<Section, string> = {
  sessions: "Table of sessions",
  charts: "Charts",
  goals: "Goals",
};

export const clinicianKeys = {
  links: (spaceId: string) => ["clinician-links", spaceId] as const,
};

export const clinicianQueries = {
  links: (spaceId: string) =>
    queryOptions({
      queryKey: clinicianKeys.links(spaceId),
      queryFn: () =>
        call(api.GET("/api/v1/spaces/{space_id}/clinician-links", { params: { path: { space_id: spaceId }, query: { limit: 100 } } })),
    }),
};

/** The report a link opens. Not cached: each successful call is an opening the patient sees. */
export function openReport(token: string, code: string | null): Promise<ClinicianReport> {
  return call(
    api.GET("/api/v1/clinician-report/{clinician_token}", {
      params: { path: { clinician_token: token }, header: code ? { "x-access-code": code } : {} },
    }),
  );
}
