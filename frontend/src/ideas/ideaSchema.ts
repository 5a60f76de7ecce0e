/**
 * An idea of one's own, with the server's rules (backend/tandem/ideas/schemas.py CustomIdeaIn):
 * a title of 1–120 characters, 5–720 minutes, a description of at most 1000 characters, at most 10
 * "what it needs" words of at most 60 characters each. The form's names are the API's.
 */
import * as v from "valibot";

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 1000;
const NEEDS_MAX = 10;
const NEED_MAX = 60;

export const ideaSchema = v.object({
  title: v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty("Give your idea a title."),
    v.maxLength(TITLE_MAX, `Keep the title under ${TITLE_MAX} characters.`),
  ),
  description: v.pipe(v.string(), v.maxLength(DESCRIPTION_MAX, `Keep the description under ${DESCRIPTION_MAX} characters.`)),
  duration_minutes: v.pipe(
    v.string(),
    v.check((value) => /^\d+$/.test(value.trim()) && Number(value) >= 5 && Number(value) <= 720, "Use a number of minutes from 5 to 720."),
  ),
  needs: v.pipe(
    v.array(v.string()),
    v.maxLength(NEEDS_MAX, `List at most ${NEEDS_MAX} things it needs.`),
    v.check((needs) => needs.every((need) => need.length <= NEED_MAX), `Keep each of them under ${NEED_MAX} characters.`),
  ),
});
