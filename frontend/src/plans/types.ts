import type { components } from "../api/schema";

type Schemas = components["schemas"];

export type Plan = Schemas["PlanOut"];
export type Feeling = Schemas["Feeling"];
export type CalendarFeed = Schemas["CalendarFeedOut"];
export type CalendarFeedCreated = Schemas["CalendarFeedCreated"];
