/**
 * The step-up confirmation with the server's rules (backend/tandem/factors/schemas.py StepUpIn:
 * a password, or a code of 1 to 40 characters on one line).
 */
import * as v from "valibot";

export const CODE_MAX = 40;

/** A code from the authenticator app or a recovery code (factors/schemas.py Code). */
export const codeField = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty("Please enter a code."),
  v.maxLength(CODE_MAX, `A code has at most ${CODE_MAX} characters.`),
);

const fields = v.object({
  mode: v.picklist(["password", "code"]),
  step_up_password: v.string(),
  step_up_code: v.pipe(v.string(), v.trim()),
});
type StepUp = v.InferOutput<typeof fields>;

/** Only the field of the chosen way is checked. */
export const stepUpSchema = v.pipe(
  fields,
  v.forward(
    v.check((s: StepUp) => s.mode !== "password" || s.step_up_password !== "", "Please enter your password."),
    ["step_up_password"],
  ),
  v.forward(v.check((s: StepUp) => s.mode !== "code" || s.step_up_code !== "", "Please enter a code."), ["step_up_code"]),
  v.forward(
    v.check((s: StepUp) => s.mode !== "code" || s.step_up_code.length <= CODE_MAX, `A code has at most ${CODE_MAX} characters.`),
    ["step_up_code"],
  ),
);

/** The second step of signing in (factors/schemas.py CodeEntry). */
export const secondStepSchema = v.object({ code: codeField });

/** The code that turns the authenticator app on (factors/schemas.py CodeEntry). */
export const appCodeSchema = v.object({ totp_code: codeField });
