/** Check-in forms with the server's rules (backend/tandem/checkins/schemas.py). */
import * as v from "valibot";
import type { AcknowledgementKind } from "./types";
import { ACKNOWLEDGEMENTS, REPLY_LENGTH } from "./words";

/** An answer to the partner's check-in (AcknowledgementIn: a kind, a reply of at most 280 characters). */
export const acknowledgementSchema = v.object({
  // Nothing is chosen at first ("").
  kind: v.pipe(
    v.union([v.literal(""), v.picklist(ACKNOWLEDGEMENTS.map((a) => a.value))]),
    v.check((kind) => kind !== "", "Choose what you'd like to say."),
    v.transform((kind) => kind as AcknowledgementKind),
  ),
  reply: v.pipe(v.string(), v.trim(), v.maxLength(REPLY_LENGTH, `Keep the reply under ${REPLY_LENGTH} characters.`)),
});
