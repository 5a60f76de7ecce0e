import type { RadioLook } from "../ui/Field";
import "./checkins.css";

/** Check-in choices (mood, closeness, who sees it) sit in a wrapping row of larger targets. */
export const CHOICES: RadioLook<string | number> = { options: "choices", option: "radio choice" };
