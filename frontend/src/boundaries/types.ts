import type { components } from "../api/schema";

type Schemas = components["schemas"];

export type BoundaryLevel = Schemas["BoundaryLevel"];
export type BoundariesOverview = Schemas["BoundariesOut"];
export type ActivityRef = Schemas["ActivityRef"];
export type MemberBoundaries = Schemas["MemberBoundaries"];
export type BoundaryChange = Schemas["BoundaryChangeOut"];
export type MyCustomActivity = Schemas["MyCustomActivity"];
export type PartnersCustomActivity = Schemas["PartnersCustomActivity"];
