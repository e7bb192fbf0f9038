import { z } from "zod";

/** An Okta user ID (`00u…`) or login; the worker URL-encodes it into the path. */
export const OktaUserRefSchema = z
  .string()
  .min(1)
  .max(256)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern refuses.
  .regex(/^[^\u0000-\u001f\u007f/\\]+$/, "an Okta user ID or login");

export const OktaIdSchema = z.string().regex(/^[A-Za-z0-9]{1,64}$/, "an Okta ID");

/**
 * An Okta user ID and nothing else: `00u` and 17 alphanumerics (docs/okta.md). Okta's `/users/{id}` also resolves a
 * login, so a caller who may only name users by ID (a webhook rule, whose target comes from Persona's
 * `reference-id`) must not be able to name one by login.
 */
export const OktaUserIdSchema = z.string().regex(/^00u[A-Za-z0-9]{17}$/, "an Okta user ID (00u…)");

const ProfileValueSchema = z.union([z.string().max(4096), z.number(), z.boolean(), z.null(), z.array(z.string().max(1024)).max(100)]);

/** Okta's partial update body (`POST /api/v1/users/{id}`); password and recovery answer are secrets. */
export const UpdateUserBodySchema = z
  .strictObject({
    profile: z.record(z.string().min(1).max(128), ProfileValueSchema).optional(),
    credentials: z
      .strictObject({
        password: z.strictObject({ value: z.string().min(1).max(256) }).optional(),
        recovery_question: z.strictObject({ question: z.string().min(1).max(256), answer: z.string().min(1).max(256) }).optional(),
      })
      .optional(),
    type: z.strictObject({ id: OktaIdSchema }).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "nothing to update");
export type UpdateUserBody = z.infer<typeof UpdateUserBodySchema>;

/** A lifecycle POST needs no body; `sendEmail` only where Okta has it (activate, deactivate, reactivate). */
export const LifecycleBodySchema = z.strictObject({ sendEmail: z.boolean().optional() });

export const TemporaryAccessCodeBodySchema = z.strictObject({
  ttlMinutes: z.number().int().min(10).max(14_400).optional(),
  multiUse: z.boolean().optional(),
});

export const UserSearchQuerySchema = z
  .strictObject({
    search: z.string().min(1).max(1024).optional(),
    email: z.email().max(254).optional(),
    filter: z.string().min(1).max(1024).optional(),
    q: z.string().min(1).max(256).optional(),
    after: z.string().min(1).max(256).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    credentialId: z.string().optional(),
  })
  .refine((query) => [query.search, query.email, query.filter, query.q].filter((v) => v !== undefined).length <= 1, "use one of search, email, filter or q");

export const CredentialQuerySchema = z.object({ credentialId: z.string().max(64).optional() }).loose();
