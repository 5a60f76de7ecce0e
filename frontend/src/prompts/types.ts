import type { components } from "../api/schema";

type Schemas = components["schemas"];

export type Prompt = Schemas["PromptOut"];
export type PromptDepth = Schemas["PromptDepth"];
export type PromptCategory = Schemas["PromptCategoryOut"];
export type Conversation = Schemas["ConversationOut"];
export type ConversationSummary = Schemas["ConversationSummary"];

export const DEPTHS: { value: PromptDepth; label: string }[] = [
  { value: "light", label: "Light" },
  { value: "deeper", label: "Deeper" },
  { value: "deep", label: "Deep" },
];

export function depthLabel(depth: PromptDepth): string {
  return DEPTHS.find((d) => d.value === depth)?.label ?? depth;
}

export const ANSWER_LENGTH = 2000;

/** Today's date where the person is, as YYYY-MM-DD. */
export function localToday(): string {
  const now = new Date();
  const offset = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offset).toISOString().slice(0, 10);
}
