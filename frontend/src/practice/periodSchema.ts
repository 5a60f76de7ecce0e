/**
 * A period of days with the server's rules (backend/tandem/practice/progress.py `period` and
 * `check_bounds`): two days between 1900 and 2999, the first on or before the last, at most a year
 * (366 days) long. The journal report, summaries and clinician links all ask for one.
 */
import * as v from "valibot";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** backend: practice/progress.py MAX_PERIOD_DAYS */
export const MAX_PERIOD_DAYS = 366;
/** backend: practice/progress.py FIRST_DAY, LAST_DAY */
const FIRST_DAY = "1900-01-01";
const LAST_DAY = "2999-12-31";

/** One day as an <input type="date"> gives it ("" when empty or not a whole date). */
export const dayField = (missing: string) =>
  v.pipe(
    v.string(),
    v.regex(DAY, missing),
    v.check((day) => day >= FIRST_DAY && day <= LAST_DAY, "Choose a date between 1900 and 2999."),
  );

const DAY_MS = 24 * 60 * 60_000;

/** Whether the period from `start` to `end` (both days) is the right way round and at most a year. */
export const inOrder = (start: string, end: string) => !DAY.test(start) || !DAY.test(end) || start <= end;
export const withinAYear = (start: string, end: string) =>
  !DAY.test(start) || !DAY.test(end) || (Date.parse(end) - Date.parse(start)) / DAY_MS + 1 <= MAX_PERIOD_DAYS;

export const ORDER_MESSAGE = "The first day must be on or before the last day.";
export const YEAR_MESSAGE = "Choose a period of at most one year.";

/** A period named as the API names it (summaries, clinician links). */
export const periodSchema = v.pipe(
  v.object({ period_start: dayField("Enter the first day."), period_end: dayField("Enter the last day.") }),
  v.forward(v.check((p) => inOrder(p.period_start, p.period_end), ORDER_MESSAGE), ["period_start"]),
  v.forward(v.check((p) => withinAYear(p.period_start, p.period_end), YEAR_MESSAGE), ["period_end"]),
);

/** The report page's own period (its fields sit next to the link form's on other pages). */
export const reportPeriodSchema = v.pipe(
  v.object({ report_start: dayField("Enter the first day."), report_end: dayField("Enter the last day.") }),
  v.forward(v.check((p) => inOrder(p.report_start, p.report_end), ORDER_MESSAGE), ["report_start"]),
  v.forward(v.check((p) => withinAYear(p.report_start, p.report_end), YEAR_MESSAGE), ["report_end"]),
);
