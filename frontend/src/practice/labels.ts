import type { Depth, GoalStatus, PracticeKind } from "./types";

export const KIND_LABEL: Record<PracticeKind, string> = {
  dilator: "Dilator practice",
  breathing: "Breathing",
  pelvic_floor_release: "Pelvic-floor release",
  mindfulness: "Mindfulness or guided imagery",
  stretching: "Gentle stretching",
};

export const KIND_ORDER: PracticeKind[] = ["dilator", "breathing", "pelvic_floor_release", "mindfulness", "stretching"];

export const DEPTH_LABEL: Record<Depth, string> = {
  tip: "Just the tip",
  partly: "Partly",
  fully: "Fully",
};

export const GOAL_STATUS_LABEL: Record<GoalStatus, string> = {
  working_on: "Working on it",
  reached: "Reached",
  set_aside: "Set aside for now",
};

export const SCALE_ENDS = {
  pain: { low: "0 = no pain", high: "10 = worst pain imaginable" },
  anxiety: { low: "0 = completely calm", high: "10 = most anxious imaginable" },
} as const;

export function sizeName(label: string | null | undefined): string {
  return label ? `size ${label}` : "a size no longer in your set";
}
