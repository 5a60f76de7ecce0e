import type { AcknowledgementKind, Closeness } from "./types";

/** Mood in words first; the face is decoration for those who like it. */
export const MOODS: { value: number; label: string; face: string }[] = [
  { value: 1, label: "Really low", face: "☁️" },
  { value: 2, label: "Low", face: "🌧️" },
  { value: 3, label: "Okay", face: "⛅" },
  { value: 4, label: "Good", face: "🌤️" },
  { value: 5, label: "Really good", face: "☀️" },
];

export function moodLabel(mood: number): string {
  return MOODS.find((m) => m.value === mood)?.label ?? String(mood);
}

export const CLOSENESS: { value: Closeness; label: string }[] = [
  { value: "none", label: "None today, and that's okay" },
  { value: "a_little", label: "A little" },
  { value: "some", label: "Some" },
  { value: "plenty", label: "Plenty" },
];

export function closenessLabel(value: Closeness): string {
  return CLOSENESS.find((c) => c.value === value)?.label ?? value;
}

export const ACKNOWLEDGEMENTS: { value: AcknowledgementKind; label: string }[] = [
  { value: "thank_you", label: "Thank you for telling me" },
  { value: "hear_you", label: "I hear you" },
  { value: "hug", label: "Hug?" },
  { value: "take_time", label: "Take all the time you need" },
];

export function acknowledgementLabel(kind: AcknowledgementKind): string {
  return ACKNOWLEDGEMENTS.find((a) => a.value === kind)?.label ?? kind;
}

export const OWN_WORDS_MAX = 3;
export const OWN_WORD_LENGTH = 48;
export const HELP_LENGTH = 280;
export const NOTE_LENGTH = 2000;
export const REPLY_LENGTH = 280;
export const FEELINGS_MAX = 12;
