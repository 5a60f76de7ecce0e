/** A reminder with the server's rules (backend/tandem/reminders/schemas.py ReminderIn). */
import * as v from "valibot";

export const reminderSchema = v.object({
  at: v.pipe(v.string(), v.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "Choose a time, like 20:00.")),
  // ISO weekdays, 1 = Monday; none means every day.
  weekdays: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7))), v.maxLength(7)),
});
