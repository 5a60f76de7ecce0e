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
  report: (token: string, code: string | null) => ["clinician-report", token, code] as const,
};

export const clinicianQueries = {
  links: (spaceId: string) =>
    queryOptions({
      queryKey: clinicianKeys.links(spaceId),
      queryFn: () =>
        call(api.GET("/api/v1/spaces/{space_id}/clinician-links", { params: { path: { space_id: spaceId }, query: { limit: 100 } } })),
    }),
};

/** The report a link opens (the code as last submitted, if any). Each successful call is an opening the
 * patient sees, so it is asked once and never again on its own, and forgotten when the page goes. */
export function reportQuery(token: string, code: string | null, enabled: boolean) {
  return queryOptions({
    queryKey: clinicianKeys.report(token, code),
    queryFn: () => openReport(token, code),
    enabled,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

function openReport(token: string, code: string | null): Promise<ClinicianReport> {
  return call(
    api.GET("/api/v1/clinician-report/{clinician_token}", {
      params: { path: { clinician_token: token }, header: code ? { "x-access-code": code } : {} },
    }),
  );
}
