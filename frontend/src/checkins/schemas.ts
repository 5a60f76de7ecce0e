/** Check-in forms with the server's rules (backend/tandem/checkins/schemas.py). */
import * as v from "valibot";
import type { AcknowledgementKind, TogetherAnswer } from "./types";
import { ACKNOWLEDGEMENTS, CLOSENESS, FEELINGS_MAX, HELP_LENGTH, NOTE_LENGTH, OWN_WORD_LENGTH, REPLY_LENGTH } from "./words";

const ownWord = v.pipe(
  v.string(),
  v.check((word) => word.trim().length <= OWN_WORD_LENGTH, `Keep each of your own words under ${OWN_WORD_LENGTH} characters.`),
);

/**
 * An answer to the partner's check-in (AcknowledgementIn: a kind, a reply of at most 280 characters).
 * (No transform, union or literal here, nor in the other schemas: valibot sits in the app's first
 * chunk, so every valibot function any page uses is loaded at start.)
 */
export const acknowledgementSchema = v.object({
  // Nothing is chosen at first ("").
  kind: v.pipe(
    v.picklist(["", ...ACKNOWLEDGEMENTS.map((a) => a.value)] as ("" | AcknowledgementKind)[]),
    v.check((kind) => kind !== "", "Choose what you'd like to say."),
  ),
  reply: v.pipe(v.string(), v.trim(), v.maxLength(REPLY_LENGTH, `Keep the reply under ${REPLY_LENGTH} characters.`)),
});

/** A check-in's own answers (TogetherAnswer): named as the server and the page's fields name them. */
export const checkinSchema = v.object({
  mood: v.pipe(
    v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))),
    v.check((mood) => mood !== null, "Choose how you're feeling overall."),
  ),
  feelings: v.pipe(v.array(v.string()), v.maxLength(FEELINGS_MAX, `Choose at most ${FEELINGS_MAX} feelings.`)),
  own_word_1: ownWord,
  own_word_2: ownWord,
  own_word_3: ownWord,
  closeness: v.pipe(
    v.nullable(v.picklist(CLOSENESS.map((c) => c.value))),
    v.check((closeness) => closeness !== null, "Choose how much room for closeness you have today."),
  ),
  help_from_you: v.pipe(v.string(), v.maxLength(HELP_LENGTH, `Keep this under ${HELP_LENGTH} characters.`)),
  note: v.pipe(v.string(), v.maxLength(NOTE_LENGTH, `Keep the note under ${NOTE_LENGTH} characters.`)),
});

export type CheckinValues = v.InferOutput<typeof checkinSchema>;

/** What the server takes from a checked check-in. */
export function answerOf(draft: CheckinValues): TogetherAnswer {
  return {
    mood: draft.mood ?? 3,
    closeness: draft.closeness ?? "none",
    feelings: draft.feelings,
    own_words: [draft.own_word_1, draft.own_word_2, draft.own_word_3].map((w) => w.trim()).filter(Boolean),
    help_from_you: draft.help_from_you.trim(),
    note: draft.note.trim(),
  };
}

export const EMPTY_CHECKIN: CheckinValues = {
  mood: null,
  feelings: [],
  own_word_1: "",
  own_word_2: "",
  own_word_3: "",
  closeness: null,
  help_from_you: "",
  note: "",
};
