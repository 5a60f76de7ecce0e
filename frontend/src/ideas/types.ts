import type { components } from "../api/schema";

type Schemas = components["schemas"];

export type Idea = Schemas["IdeaOut"];
export type IdeaPage = Schemas["IdeaPage"];
export type Matches = Schemas["Matches"];
export type Category = Schemas["IdeaCategory"];
export type Rating = Schemas["RatingValue"];
export type RatingFilter = Schemas["RatingFilter"];
export type CustomIdeaInput = Schemas["CustomIdeaIn"];
