import { z } from "zod";
import { OrgIdSchema } from "./orgs";
import { RoleSchema } from "./roles";

export const EmailSchema = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());

/** `jit`: created at first sign-in with the default role; `mapping`: role from the SAML role mapping; `admin`: set by an admin and kept. */
export const RoleSourceSchema = z.enum(["jit", "mapping", "admin"]);

/**
 * How the user came to exist here: `jit` at their first SAML sign-in, `scim` pushed by the IdP's provisioning
 * (docs/scim.md), `admin` pre-provisioned by an admin. Whichever came first stays: a JIT user that SCIM later
 * finds by email stays `jit`.
 */
export const ProvisionedBySchema = z.enum(["jit", "scim", "admin"]);
export type ProvisionedBy = z.infer<typeof ProvisionedBySchema>;

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: RoleSchema,
  roleSource: RoleSourceSchema,
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  lastLoginAt: z.iso.datetime().nullable(),
  /** Always answered by this worker; optional so that answers and fixtures from before it still parse. */
  provisionedBy: ProvisionedBySchema.optional(),
});
export type User = z.infer<typeof UserSchema>;

/** `GET /api/orgs/{org}/users` (worker/src/routes/users.ts), ordered by email. */
export const UserListSchema = z.object({ users: z.array(UserSchema) });
export type UserList = z.infer<typeof UserListSchema>;

export const CreateUserRequestSchema = z.strictObject({ email: EmailSchema, role: RoleSchema });
export const UpdateUserRequestSchema = z
  .strictObject({ role: RoleSchema, disabled: z.boolean() })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "nothing to update");

export const MeSchema = z.object({ email: z.string(), role: RoleSchema, orgId: OrgIdSchema });
export type Me = z.infer<typeof MeSchema>;
