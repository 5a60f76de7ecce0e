/** A goal's title with the server's rule (backend/tandem/practice/schemas.py GoalTitle: one line, 1-120 characters). */
import * as v from "valibot";

export const GOAL_TITLE_MAX = 120;

const titleField = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty("Describe the goal in a few words."),
  v.maxLength(GOAL_TITLE_MAX, `Keep the goal under ${GOAL_TITLE_MAX} characters.`),
);

export const goalSchema = v.object({ title: titleField });

/** The edit form of one goal in the list: its field is named after the goal, so each id is unique. */
export const goalEditSchema = (field: string) => v.object({ [field]: titleField } as Record<string, typeof titleField>);
