import type { Role } from "../api/types";

export const ROLE_LABEL: Record<Role, string> = {
  patient: "doing the treatment",
  partner: "partner",
};
