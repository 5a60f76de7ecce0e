/** A summary's choices with the server's rules (backend/tandem/summaries/schemas.py: a message of at most 1000 characters). */
import * as v from "valibot";

export const MESSAGE_MAX = 1000;

export const summaryChoicesSchema = v.object({
  // The ids of the drafted lines not to share (an array: valibot's record would load with the app).
  excluded: v.array(v.string()),
  message: v.pipe(v.string(), v.maxLength(MESSAGE_MAX, `Keep the message under ${MESSAGE_MAX} characters.`)),
});
