import { LIFECYCLE_ACTIONS, LIFECYCLE_LINK, OKTA_ACTIONS, type OktaAction } from "../../../shared/okta-actions";
import { type Role, roleAtLeast } from "../../../shared/roles";

/**
 * The actions a caller may take on an Okta user now: Okta's `_links` for the user's current status (Okta's own
 * word on which transitions are valid, "as determined by your policies") intersected with the caller's role.
 * Update, temporary access codes and clearing sessions have no link relation, so they follow the status.
 */
export function allowedActions(user: unknown, role: Role): OktaAction[] {
  const record = typeof user === "object" && user !== null ? (user as Record<string, unknown>) : {};
  const links = typeof record._links === "object" && record._links !== null ? (record._links as Record<string, unknown>) : {};
  const status = typeof record.status === "string" ? record.status : "";
  const allowed: OktaAction[] = LIFECYCLE_ACTIONS.filter((action) => LIFECYCLE_LINK[action] in links);
  if (status !== "" && status !== "DEPROVISIONED") allowed.push("update");
  if (status === "ACTIVE") allowed.push("temporary_access_code");
  // A user who can have signed in can have sessions: not one never activated, nor one deactivated.
  if (status !== "" && !["STAGED", "PROVISIONED", "DEPROVISIONED"].includes(status)) allowed.push("clear_sessions");
  return allowed.filter((action) => roleAtLeast(role, OKTA_ACTIONS[action].role));
}
