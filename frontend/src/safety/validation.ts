/** The app lock's fields with the server's rules (backend/tandem/safety/schemas.py) and sentences. */
import * as v from "valibot";

const PIN_RULE = /^[0-9]{4,8}$/;
const PIN_SENTENCE = "Use 4 to 8 digits.";

export const pinField = v.pipe(v.string(), v.regex(PIN_RULE, PIN_SENTENCE));

export const unlockSchema = v.object({ pin: pinField });

export const IDLE_CHOICES = [1, 2, 5, 10, 15, 30, 60] as const;

export const appLockSchema = v.pipe(
  v.object({
    pin: pinField,
    decoy_pin: v.pipe(
      v.string(),
      v.check((value) => value === "" || PIN_RULE.test(value), PIN_SENTENCE),
    ),
    idle_minutes: v.string(),
    password: v.pipe(v.string(), v.nonEmpty("Enter your password.")),
  }),
  v.forward(
    v.check((values) => values.decoy_pin === "" || values.decoy_pin !== values.pin, "The decoy PIN must differ from your PIN."),
    ["decoy_pin"],
  ),
);

export const passwordOnlySchema = v.object({
  password: v.pipe(v.string(), v.nonEmpty("Enter your password.")),
});

export const quickExitSchema = v.object({
  url: v.pipe(
    v.string(),
    v.trim(),
    v.check(
      (value) => value === "" || (/^https?:\/\/[^\s<>"']+$/.test(value) && value.length <= 500),
      "Enter a web address starting with https://, or leave it empty.",
    ),
  ),
  signs_out: v.boolean(),
});
