import type { paths } from "../api/schema";

type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;

export type GuideSummary = JsonOf<paths["/api/v1/guides"]["get"]["responses"][200]>[number];
export type Guide = JsonOf<paths["/api/v1/guides/{guide_id}"]["get"]["responses"][200]>;
export type GuideSource = JsonOf<paths["/api/v1/guides/sources"]["get"]["responses"][200]>[number];

export const guidesKey = ["guides"] as const;
export const guideKey = (id: string) => ["guide", id] as const;
export const sourcesKey = ["guide-sources"] as const;

export const AUDIENCE_LABEL: Record<GuideSummary["audience"], string> = {
  both: "For both of you",
  patient: "For the patient",
  partner: "For the partner",
};
