import type { Category, Rating } from "./types";

export const CATEGORY_LABEL: Record<Category, string> = {
  connection: "Connection",
  playful: "Playful",
  relaxing: "Relaxing",
  "sensual-touch": "Sensual touch",
  adventure: "Adventure",
  communication: "Communication",
};

export const CATEGORIES = Object.keys(CATEGORY_LABEL) as Category[];

export const CLOSENESS_LABEL: Record<number, string> = {
  1: "Close without touch",
  2: "Affectionate touch",
  3: "Sensual touch, clothes on or partly",
  4: "Sensual touch, no penetration",
};

export const RATING_LABEL: Record<Rating, string> = {
  yes: "Yes",
  maybe: "Maybe",
  not_now: "Not now",
};

export const RATINGS: Rating[] = ["yes", "maybe", "not_now"];

export function closenessText(level: number): string {
  return `Closeness ${level} of 4: ${CLOSENESS_LABEL[level] ?? ""}`;
}

export function durationText(minutes: number): string {
  if (minutes < 60) return `About ${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const hourText = hours === 1 ? "1 hour" : `${hours} hours`;
  return rest === 0 ? `About ${hourText}` : `About ${hourText} ${rest} minutes`;
}
