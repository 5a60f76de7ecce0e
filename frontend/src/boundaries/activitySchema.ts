import * as v from "valibot";
import { NOTE_LENGTH, TITLE_LENGTH } from "./levels";

/** An activity of one's own with the server's rules (backend/tandem/boundaries/schemas.py ActivityTitle, ActivityNote). */
export const ownActivitySchema = v.object({
  title: v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty("Give the activity a name."),
    v.maxLength(TITLE_LENGTH, `Keep the name under ${TITLE_LENGTH} characters.`),
  ),
  note: v.pipe(v.string(), v.trim(), v.maxLength(NOTE_LENGTH, `Keep the note under ${NOTE_LENGTH} characters.`)),
});
