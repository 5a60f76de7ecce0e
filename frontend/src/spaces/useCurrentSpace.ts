import { useQuery } from "@tanstack/react-query";
import type { Member, Role } from "../api/types";
import { useMe } from "../app/auth";
import { spaceQueries } from "./queries";

/** The signed-in member's space, in the one shape every page uses. */
export interface CurrentSpace {
  /** "" only in the moment between leaving a space (or signing out) and the guards moving on. */
  spaceId: string;
  userId: string;
  role: Role | null;
  isPatient: boolean;
  /** The other member, once the space has loaded and while there is one. */
  partner: Member | null;
  /** The other member's display name, or "your partner" until it is known. */
  partnerName: string;
  /** Display names by role (the member doing the treatment, and their partner), with neutral stand-ins. */
  names: Record<Role, string>;
}

/**
 * The caller's space and who is in it (pages behind RequireSpace). The member list comes from the
 * same cached query as the space home, so it is fetched once.
 */
export function useCurrentSpace(): CurrentSpace {
  // Not useUser(): a page still mounted in the moment of signing out (the outbox's sign-out clears the
  // cache first) would throw; with nobody signed in it gets the empty space until the guards move on.
  const user = useMe().data ?? { id: "", display_name: "", membership: null };
  const membership = user.membership;
  const spaceId = membership?.space_id ?? "";
  const isPatient = membership?.role === "patient";
  const { data: space } = useQuery(spaceQueries.one(spaceId));
  const members = space?.members ?? [];
  const partner = members.find((member) => member.user_id !== user.id) ?? null;
  const byRole = (role: Role) => members.find((member) => member.role === role)?.display_name;
  return {
    spaceId,
    userId: user.id,
    role: membership?.role ?? null,
    isPatient,
    partner,
    partnerName: partner?.display_name ?? "your partner",
    names: {
      patient: byRole("patient") ?? (isPatient ? user.display_name : "Your partner"),
      partner: byRole("partner") ?? (isPatient ? "your partner" : user.display_name),
    },
  };
}
