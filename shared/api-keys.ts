import { z } from "zod";
import { RoleSchema } from "./roles";

/** `POST /api/orgs/{org}/api-keys`: a key for automation (e.g. a Persona Workflow HTTP step), carrying a role. */
export const CreateApiKeySchema = z.strictObject({ name: z.string().trim().min(1).max(80), role: RoleSchema });

export const ApiKeyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  /** The first characters of the key, enough to recognise it, never enough to use it. */
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyViewSchema>;

/** `GET /api/orgs/{org}/api-keys` (worker/src/routes/api-keys.ts): revoked keys included, newest first. */
export const ApiKeyListSchema = z.object({ apiKeys: z.array(ApiKeyViewSchema) });
export type ApiKeyList = z.infer<typeof ApiKeyListSchema>;

/** `POST /api/orgs/{org}/api-keys` → 201: the view plus the key itself (`poc_<org>_<64 hex>`), answered this once. */
export const CreatedApiKeySchema = ApiKeyViewSchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;
