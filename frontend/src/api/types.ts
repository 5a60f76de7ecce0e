import type { paths } from "./schema";

/** The JSON body of a response object from the generated schema. */
type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;

export type User = JsonOf<paths["/api/v1/me"]["get"]["responses"][200]>;
export type Membership = NonNullable<User["membership"]>;
export type Role = Membership["role"];
export type Session = JsonOf<paths["/api/v1/me/sessions"]["get"]["responses"][200]>[number];
export type Space = JsonOf<paths["/api/v1/spaces/{space_id}"]["get"]["responses"][200]>;
export type Member = Space["members"][number];
export type Invitation = JsonOf<paths["/api/v1/spaces/{space_id}/invitations"]["get"]["responses"][200]>[number];
export type CreatedInvitation = JsonOf<paths["/api/v1/spaces/{space_id}/invitations"]["post"]["responses"][201]>;
