import type { components } from "../api/schema";

type Schemas = components["schemas"];

export type MyCheckin = Schemas["MyCheckin"];
export type PartnersCheckin = Schemas["PartnersCheckin"];
export type CheckinView = MyCheckin | PartnersCheckin;
export type CheckinPage = Schemas["CheckinPage"];
export type Closeness = Schemas["Closeness"];
export type Visibility = Schemas["Visibility"];
export type AcknowledgementKind = Schemas["AcknowledgementKind"];
export type FeelingFamily = Schemas["FeelingFamilyOut"];
export type MoodPoint = Schemas["MoodPoint"];
export type TogetherRound = Schemas["TogetherOut"];
export type TogetherAnswer = Schemas["TogetherAnswer"];
