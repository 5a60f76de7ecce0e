/**
 * The journal entry's rules, the same as the server's (backend/tandem/practice/service.py and
 * schemas.py): a time no earlier than 2000 and no later than a day ahead (slack for a phone whose
 * clock runs ahead), 1–240 minutes, a size for dilator practice, a note of at most 2000 characters.
 */
import * as v from "valibot";
import { KIND_ORDER } from "./labels";
import { fromLocalInput } from "./time";
import type { Depth } from "./types";

export const NOTE_MAX = 2000;
/** backend: practice/service.py FUTURE_SLACK */
export const FUTURE_SLACK_MS = 24 * 60 * 60_000;
/** backend: practice/service.py EARLIEST */
const EARLIEST = Date.UTC(2000, 0, 1);

function instant(local: string): number | null {
  const iso = fromLocalInput(local);
  return iso ? new Date(iso).getTime() : null;
}

export const entrySchema = v.pipe(
  v.object({
    kind: v.picklist(KIND_ORDER),
    // The form's names are the API's, so the server's field errors land on the same fields.
    practised_at: v.pipe(
      v.string(),
      v.check((value) => instant(value) !== null, "Enter the date and time."),
      v.check((value) => (instant(value) ?? 0) <= Date.now() + FUTURE_SLACK_MS, "This time is in the future."),
      v.check((value) => (instant(value) ?? EARLIEST) >= EARLIEST, "Please check the date."),
    ),
    minutes: v.pipe(
      v.string(),
      v.check((value) => /^\d+$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 240, "Enter a number of minutes from 1 to 240."),
    ),
    size_id: v.string(),
    depth: v.picklist(["tip", "partly", "fully"] satisfies Depth[]),
    // null is "not rated" (the start of every entry), never 0.
    pain: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10))),
    anxiety: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10))),
    note: v.pipe(v.string(), v.maxLength(NOTE_MAX, `Keep the note under ${NOTE_MAX} characters.`)),
  }),
  v.forward(
    v.check((entry) => entry.kind !== "dilator" || entry.size_id !== "", "Choose the size you used."),
    ["size_id"],
  ),
);

export type EntryValues = v.InferInput<typeof entrySchema>;
