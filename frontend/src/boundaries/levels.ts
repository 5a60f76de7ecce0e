import type { BoundaryLevel } from "./types";

export const LEVELS: { value: BoundaryLevel; label: string; hint: string }[] = [
  { value: "welcome", label: "Welcome", hint: "Happy for this right now" },
  { value: "ask_first", label: "Ask me first", hint: "Check with me in the moment" },
  { value: "not_now", label: "Not right now", hint: "Please leave this out for now" },
];

export function levelLabel(level: BoundaryLevel): string {
  return LEVELS.find((l) => l.value === level)?.label ?? level;
}

export const TITLE_LENGTH = 80;
export const NOTE_LENGTH = 500;
