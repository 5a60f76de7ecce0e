/**
 * Account fields with the server's rules (backend/tandem/core/text.py Email and DisplayName,
 * core/passwords.py MIN_/MAX_PASSWORD_LENGTH) and its sentences.
 */
import * as v from "valibot";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 60;
export const EMAIL_MAX = 254;

export const emailField = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty("Enter your email address."),
  v.maxLength(EMAIL_MAX, "Enter an email address like name@example.com."),
  v.regex(/^[^\s@]+@[^\s@]+$/, "Enter an email address like name@example.com."),
);

export const newPasswordField = v.pipe(
  v.string(),
  v.minLength(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`),
  v.maxLength(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`),
);

export const displayNameField = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty("Enter the name your partner will see."),
  v.maxLength(DISPLAY_NAME_MAX, `Use at most ${DISPLAY_NAME_MAX} characters.`),
);

export const signUpSchema = v.object({
  email: emailField,
  display_name: displayNameField,
  password: newPasswordField,
  consent_health_data: v.pipe(
    v.boolean(),
    v.check((agreed) => agreed, "Tick the box to agree, so Tandem can keep what you write."),
  ),
});

export const logInSchema = v.object({
  email: v.pipe(v.string(), v.trim(), v.nonEmpty("Enter your email address.")),
  password: v.pipe(v.string(), v.nonEmpty("Enter your password.")),
  remember_me: v.boolean(),
});

export const passwordChangeSchema = v.object({
  current_password: v.pipe(v.string(), v.nonEmpty("Enter your current password.")),
  new_password: newPasswordField,
});

export const accountDeletionSchema = v.object({
  delete_password: v.pipe(v.string(), v.nonEmpty("Enter your password to delete your account.")),
});
