import { formatDate, formatDateTime } from "../ui/format";
import type { Feeling, Plan } from "./types";

export const FEELING_LABEL: Record<Feeling, string> = {
  close: "Close",
  relaxed: "Relaxed",
  playful: "Playful",
  okay: "Okay",
  mixed: "Mixed",
  uneasy: "Uneasy",
};

export const FEELINGS = Object.keys(FEELING_LABEL) as Feeling[];

export function whenText(plan: Plan): string {
  if (plan.flexible) return `Sometime this week (until ${formatDate(plan.ends_at)})`;
  return formatDateTime(plan.starts_at);
}

/** Where the plan stands, from the reader's side. Never who paused or cancelled it. */
export function statusText(plan: Plan): string {
  switch (plan.status) {
    case "proposed":
      if (plan.awaiting_me) return plan.proposed_by_me ? "A new time is suggested: it's your turn to answer." : "Your partner suggested this.";
      return "Waiting for your partner's answer.";
    case "accepted":
      return "You're both on for this.";
    case "declined":
      return "Not this time.";
    case "paused":
    case "cancelled":
      return plan.notice ?? "Let's leave this one for now. Thank you for understanding.";
  }
}
