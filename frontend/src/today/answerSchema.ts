/** Today's answer with the server's rule (backend/tandem/prompts/schemas.py AnswerText: at most ANSWER_LENGTH characters; an empty answer is not sent). */
import * as v from "valibot";
import { ANSWER_LENGTH } from "../prompts/types";

export const answerSchema = v.object({
  text: v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty("Write your answer before sending it."),
    v.maxLength(ANSWER_LENGTH, `Keep your answer under ${ANSWER_LENGTH} characters.`),
  ),
});
