/**
 * The clinician's plan and the readiness-hint settings with the server's rules
 * (backend/tandem/practice/schemas.py ClinicianPlanIn, SettingsIn; service.py: the longest hold is
 * not shorter than the shortest). Number inputs give text; empty means "not given" in the plan.
 */
import * as v from "valibot";
import type { DilatorSetInput, PlanInput, SettingsInput } from "./types";

export type PlanField = Exclude<keyof PlanInput, "notes">;
export const PLAN_FIELDS: { name: PlanField; label: string; min: number; max: number }[] = [
  { name: "hold_min_minutes", label: "Shortest hold (minutes)", min: 1, max: 60 },
  { name: "hold_max_minutes", label: "Longest hold (minutes)", min: 1, max: 60 },
  { name: "sessions_per_week", label: "Sessions per week", min: 1, max: 14 },
  { name: "size_up_sessions", label: "Move up after this many comfortable sessions", min: 1, max: 10 },
  { name: "size_up_min_minutes", label: "…each held at least (minutes)", min: 1, max: 60 },
  { name: "size_up_max_pain", label: "…with pain at most (0–10)", min: 0, max: 10 },
  { name: "size_up_max_anxiety", label: "…with anxiety at most (0–10)", min: 0, max: 10 },
];
export const PLAN_NOTES_MAX = 1000;

export type HintField = Exclude<keyof SettingsInput, "hint_enabled">;
export const HINT_FIELDS: { name: HintField; label: string; min: number; max: number; rule?: string }[] = [
  { name: "hint_sessions", label: "Comfortable sessions in a row", min: 1, max: 10, rule: "sessions" },
  { name: "hint_min_minutes", label: "Each held at least (minutes)", min: 1, max: 60, rule: "min_minutes" },
  { name: "hint_max_pain", label: "Pain at most (0–10)", min: 0, max: 10, rule: "max_pain" },
  { name: "hint_max_anxiety", label: "Anxiety at most (0–10)", min: 0, max: 10, rule: "max_anxiety" },
  { name: "inhale_seconds", label: "Breathing pacer: breathe in (seconds)", min: 2, max: 10 },
  { name: "exhale_seconds", label: "Breathing pacer: breathe out (seconds)", min: 2, max: 12 },
];

const whole = (raw: string, min: number, max: number) => {
  const n = Number(raw.trim());
  return /^\d+$/.test(raw.trim()) && n >= min && n <= max;
};
const asNumber = (raw: string) => (raw.trim() === "" ? null : Number(raw.trim()));

type Texts<K extends string> = Record<K, string>;

const optionalNumber = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.check((raw) => raw.trim() === "" || whole(raw, min, max), `Use a whole number from ${min} to ${max}, or leave it empty.`),
  );

export const clinicianPlanSchema = v.pipe(
  v.object({
    ...(Object.fromEntries(PLAN_FIELDS.map((f) => [f.name, optionalNumber(f.min, f.max)])) as Record<
      PlanField,
      ReturnType<typeof optionalNumber>
    >),
    notes: v.pipe(v.string(), v.maxLength(PLAN_NOTES_MAX, `Keep the notes under ${PLAN_NOTES_MAX} characters.`)),
  }),
  v.forward(
    v.check((plan: Texts<PlanField | "notes">) => {
      const shortest = asNumber(plan.hold_min_minutes);
      const longest = asNumber(plan.hold_max_minutes);
      return shortest === null || longest === null || Number.isNaN(shortest) || Number.isNaN(longest) || shortest <= longest;
    }, "The longest hold can't be shorter than the shortest."),
    ["hold_max_minutes"],
  ),
);

/** What the server takes from a checked plan (empty fields are "not given"). */
export function planBody(plan: v.InferOutput<typeof clinicianPlanSchema>): PlanInput {
  const body: PlanInput = { notes: plan.notes.trim() === "" ? null : plan.notes };
  for (const field of PLAN_FIELDS) body[field.name] = asNumber(plan[field.name]);
  return body;
}

const requiredNumber = (min: number, max: number) =>
  v.pipe(v.string(), v.check((raw) => whole(raw, min, max), `Use a whole number from ${min} to ${max}.`));

export const hintSchema = v.object({
  hint_enabled: v.boolean(),
  ...(Object.fromEntries(HINT_FIELDS.map((f) => [f.name, requiredNumber(f.min, f.max)])) as Record<
    HintField,
    ReturnType<typeof requiredNumber>
  >),
});

/** What the server takes from checked settings. */
export function hintBody(hint: v.InferOutput<typeof hintSchema>): SettingsInput {
  const body = { hint_enabled: hint.hint_enabled } as SettingsInput;
  for (const field of HINT_FIELDS) body[field.name] = Number(hint[field.name].trim());
  return body;
}

/**
 * The dilator set with the server's rules (schemas.py DilatorSetIn, SizeLabel; service.py
 * replace_set): at most 12 sizes, each label at most 48 characters once trimmed, without control
 * characters, and no label twice (ignoring case and the spaces around it). A row left blank is not
 * a size: it is dropped, never sent.
 */
export const SIZE_LABEL_MAX = 48;
export const SIZES_MAX = 12;

/** One row of the editor: a size already in the set keeps its id; a new one has "". */
export interface SizeRow {
  size_id: string;
  label: string;
}

export const emptySizeRow = (): SizeRow => ({ size_id: "", label: "" });

/** The editor's rows for a set: one empty row when there is none yet. */
export function sizeRows(sizes: { id: string; label: string }[]): SizeRow[] {
  return sizes.length > 0 ? sizes.map((size) => ({ size_id: size.id, label: size.label })) : [emptySizeRow()];
}

const isBlank = (row: SizeRow) => row.label.trim() === "";

/** The rows without the blank ones (one empty row if nothing is left), as the editor shows them on submit. */
export function withoutBlankRows(rows: SizeRow[]): SizeRow[] {
  const filled = rows.filter((row) => !isBlank(row));
  return filled.length > 0 ? filled : [emptySizeRow()];
}

// Tab, newline and the other control characters (core/text.py NO_CONTROL_LINE).
const hasNoControlCharacters = (text: string) => [...text].every((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f);

const sizeRowSchema = v.object({
  size_id: v.string(),
  label: v.pipe(
    v.string(),
    v.check((label) => label.trim().length <= SIZE_LABEL_MAX, `Use at most ${SIZE_LABEL_MAX} characters.`),
    v.check(hasNoControlCharacters, "This contains characters that aren't allowed here."),
  ),
});

export const dilatorSetSchema = v.pipe(
  v.object({
    sizes: v.pipe(
      v.array(sizeRowSchema),
      v.check((rows) => rows.filter((row) => !isBlank(row)).length <= SIZES_MAX, `List at most ${SIZES_MAX} sizes.`),
      // A label used twice is an error on the later row.
      v.rawCheck(({ dataset, addIssue }) => {
        if (!dataset.typed) return;
        const rows = dataset.value;
        const seen = new Set<string>();
        rows.forEach((row, index) => {
          if (isBlank(row)) return;
          const label = row.label.trim();
          const key = label.toLowerCase();
          if (seen.has(key)) {
            addIssue({
              message: `“${label}” appears twice.`,
              path: [
                { type: "array", origin: "value", input: rows, key: index, value: row },
                { type: "object", origin: "value", input: row, key: "label", value: row.label },
              ],
            });
          }
          seen.add(key);
        });
      }),
    ),
  }),
  v.transform(
    ({ sizes }): DilatorSetInput => ({
      sizes: sizes
        .filter((row) => !isBlank(row))
        .map((row) => (row.size_id ? { id: row.size_id, label: row.label.trim() } : { label: row.label.trim() })),
    }),
  ),
);
