import { z } from "zod";

/** viewer reads; operator runs day-to-day account actions; admin also manages configuration, users and credentials. */
export const RoleSchema = z.enum(["viewer", "operator", "admin"]);
export type Role = z.infer<typeof RoleSchema>;

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** True when `role` includes everything `required` may do. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** The most powerful of several roles (used when several role-mapping rules match). */
export function highestRole(roles: readonly Role[]): Role | undefined {
  return roles.reduce<Role | undefined>((best, role) => (best === undefined || RANK[role] > RANK[best] ? role : best), undefined);
}
