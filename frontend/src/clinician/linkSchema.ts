/** The new-link form with the server's rules (backend/tandem/clinician/schemas.py) and sentences. */
import * as v from "valibot";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const EXPIRY_CHOICES = [1, 3, 7, 14, 30] as const;

export const linkSchema = v.pipe(
  v.object({
    period_start: v.pipe(v.string(), v.regex(DAY, "Enter the first day.")),
    period_end: v.pipe(v.string(), v.regex(DAY, "Enter the last day.")),
    sessions: v.boolean(),
    charts: v.boolean(),
    goals: v.boolean(),
    expires_in_days: v.string(),
    with_code: v.boolean(),
  }),
  v.forward(
    v.check((values) => values.period_start <= values.period_end, "The first day must be on or before the last day."),
    ["period_start"],
  ),
  v.forward(
    v.check((values) => values.sessions || values.charts || values.goals, "Choose at least one part of the report to share."),
    ["sessions"],
  ),
);

export type LinkForm = v.InferInput<typeof linkSchema>;
