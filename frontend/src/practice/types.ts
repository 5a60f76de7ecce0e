import type { components } from "../api/schema";

type Schemas = components["schemas"];

export type Entry = Schemas["EntryOut"];
export type EntryInput = Schemas["EntryIn"];
export type PracticeKind = Schemas["PracticeKind"];
export type Depth = Schemas["Depth"];
export type Size = Schemas["SizeOut"];
export type Overview = Schemas["OverviewOut"];
export type Progress = Schemas["ProgressOut"];
export type DilatorPoint = Schemas["DilatorPointOut"];
export type Week = Schemas["WeekOut"];
export type Goal = Schemas["GoalOut"];
export type GoalStatus = Schemas["GoalStatus"];
export type Plan = Schemas["ClinicianPlanOut"];
export type PlanInput = Schemas["ClinicianPlanIn"];
export type Settings = Schemas["SettingsOut"];
export type SettingsInput = Schemas["SettingsIn"];
export type DilatorSetInput = Schemas["DilatorSetIn"];
export type Report = Schemas["ReportOut"];
export type Summary = Schemas["SummaryOut"];
export type SummaryLine = Schemas["LineOut"];
export type SharedSummary = Schemas["SharedSummaryOut"];
export type Reaction = Schemas["ReactionOut"];
export type ReactionKind = Schemas["ReactionKindOut"];
