import { highestRole, type Role } from "../../../shared/roles";
import { groupNamesOf, lastRolePolicy, rememberRolePolicy, usersWithGroups } from "../storage/org-store/scim-groups";
import { getScimUser, setScimRole } from "../storage/org-store/scim-users";

/**
 * What decides a role from groups: the organization's role-mapping rules (null: no mapping configured) and its
 * default role, read by the edge from the organization's settings for each SCIM write.
 */
export type RolePolicy = { rules: ReadonlyArray<{ value: string; role: Role }> | null; defaultRole: Role };

/**
 * Recomputes the role of users whose SCIM groups changed (docs/scim.md): a group's display name is matched by the
 * same rules as the values of the SAML `groups` attribute, the highest match wins, no match means the default
 * role. A role an admin set is kept; without a mapping roles are left alone. The mapped role is also remembered
 * for sign-ins (storage/org-store/users.ts).
 */
export function applyGroupRoles(sql: SqlStorage, userIds: Iterable<string>, policy: RolePolicy, nowMs: number): void {
  for (const id of new Set(userIds)) {
    const user = getScimUser(sql, id);
    if (!user) continue;
    const names = new Set(groupNamesOf(sql, id));
    const mapped = policy.rules ? (highestRole(policy.rules.filter((rule) => names.has(rule.value)).map((rule) => rule.role)) ?? null) : null;
    const role =
      policy.rules && user.roleSource !== "admin" ? { role: mapped ?? policy.defaultRole, source: mapped ? ("mapping" as const) : ("jit" as const) } : null;
    setScimRole(sql, id, mapped, role, nowMs);
  }
}

/**
 * When an admin changed the role mapping or the default role since the last SCIM write, the roles of every user
 * in a SCIM group are decided again under the new policy, in the same transaction as the write, so a role a group
 * no longer grants does not linger until that user's next membership change.
 */
export function refreshRolesOnPolicyChange(sql: SqlStorage, policy: RolePolicy, nowMs: number): void {
  const current = JSON.stringify({ rules: policy.rules, defaultRole: policy.defaultRole });
  if (lastRolePolicy(sql) === current) return;
  applyGroupRoles(sql, usersWithGroups(sql), policy, nowMs);
  rememberRolePolicy(sql, current);
}
