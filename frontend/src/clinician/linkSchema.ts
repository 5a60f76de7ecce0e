/** The new-link form with the server's rules (backend/tandem/clinician/schemas.py) and sentences. */
import * as v from "valibot";
import { dayField, inOrder, ORDER_MESSAGE, withinAYear, YEAR_MESSAGE } from "../practice/periodSchema";
export const EXPIRY_CHOICES = [1, 3, 7, 14, 30] as const;

export const linkSchema = v.pipe(
  v.object({
    period_start: dayField("Enter the first day."),
    period_end: dayField("Enter the last day."),
    sessions: v.boolean(),
    charts: v.boolean(),
    goals: v.boolean(),
    expires_in_days: v.string(),
    with_code: v.boolean(),
  }),
  v.forward(v.check((values) => inOrder(values.period_start, values.period_end), ORDER_MESSAGE), ["period_start"]),
  v.forward(v.check((values) => withinAYear(values.period_start, values.period_end), YEAR_MESSAGE), ["period_end"]),
  v.forward(
    v.check((values) => values.sessions || values.charts || values.goals, "Choose at least one part of the report to share."),
    ["sessions"],
  ),
);

export type LinkForm = v.InferInput<typeof linkSchema>;

/** The link's 6-digit code, as the clinician types it (clinician/controller.py x-access-code). */
export const accessCodeSchema = v.object({
  access_code: v.pipe(v.string(), v.trim(), v.regex(/^[0-9]{6}$/, "Enter the 6 digits you were given.")),
});
