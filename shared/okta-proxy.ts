import { z } from "zod";
import { OktaIdSchema } from "./ids";
import { LifecycleActionSchema, OktaActionSchema } from "./okta-actions";
import { RecoveryProofFields } from "./verification";

const ProfileValueSchema = z.union([z.string().max(4096), z.number(), z.boolean(), z.null(), z.array(z.string().max(1024)).max(100)]);

/** Okta's partial update body (`POST /api/v1/users/{id}`); password and recovery answer are secrets. */
/**
 * A write action's body may name what allows it under the verification policy (shared/verification.ts): a
 * verification or an admin's override, never both.
 */
const oneProof = (body: { verificationId?: string | undefined; overrideReason?: string | undefined }) =>
  body.verificationId === undefined || body.overrideReason === undefined;
const PROOF_MESSAGE = "give a verificationId or an overrideReason, not both";

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
    ...RecoveryProofFields,
  })
  .refine((body) => body.profile !== undefined || body.credentials !== undefined || body.type !== undefined, "nothing to update")
  .refine(oneProof, PROOF_MESSAGE);
export type UpdateUserBody = z.infer<typeof UpdateUserBodySchema>;

/** A lifecycle POST needs no body; `sendEmail` only where Okta has it (activate, deactivate, reactivate). */
export const LifecycleBodySchema = z.strictObject({ sendEmail: z.boolean().optional(), ...RecoveryProofFields }).refine(oneProof, PROOF_MESSAGE);

export const TemporaryAccessCodeBodySchema = z
  .strictObject({
    ttlMinutes: z.number().int().min(10).max(14_400).optional(),
    multiUse: z.boolean().optional(),
    ...RecoveryProofFields,
  })
  .refine(oneProof, PROOF_MESSAGE);

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

/**
 * What a lifecycle action answers (`POST …/lifecycle/{action}`): it was done, Okta's own answer (`{}` for most; an
 * activation without email carries `activationUrl` and `activationToken`), and Okta's request ID.
 */
export const LifecycleResultSchema = z.object({
  ok: z.literal(true),
  action: LifecycleActionSchema,
  result: z.record(z.string(), z.unknown()),
  oktaRequestId: z.string().nullable(),
});
export type LifecycleResult = z.infer<typeof LifecycleResultSchema>;

/**
 * `POST …/okta/users/{userId}/sessions/clear`: ends every Okta session of the user; by default also revokes the
 * OAuth tokens issued to them (`oauthTokens`), and keeps their remembered devices (`forgetDevices: false`).
 */
export const ClearSessionsBodySchema = z
  .strictObject({ oauthTokens: z.boolean().optional(), forgetDevices: z.boolean().optional(), ...RecoveryProofFields })
  .refine(oneProof, PROOF_MESSAGE);

export const ClearSessionsResultSchema = z.object({ ok: z.literal(true), action: z.literal("clear_sessions"), oktaRequestId: z.string().nullable() });

/** A temporary access code (`POST …/temporary-access-code`): shown to its caller once, never stored or logged. */
export const TemporaryAccessCodeSchema = z.object({
  code: z.string().nullable(),
  expiresAt: z.string().nullable(),
  multiUse: z.boolean(),
  /** Okta's ID of the enrollment the code belongs to. */
  enrollmentId: z.string().nullable(),
  oktaRequestId: z.string().nullable(),
});
export type TemporaryAccessCode = z.infer<typeof TemporaryAccessCodeSchema>;

/** An object of Okta's (user, group, authenticator), relayed as Okta sent it. */
export const OktaObjectSchema = z.record(z.string(), z.unknown());

/** Okta's `X-Okta-Request-Id` of the call, to quote to Okta support. */
const oktaRequestId = z.string().nullable();

/** `GET …/okta/users`: one page of Okta's users, and the cursor of the next (`after`), if any. */
export const UserSearchResultSchema = z.object({ users: z.array(OktaObjectSchema), next: z.string().nullable(), oktaRequestId });

/** `GET …/okta/users/{userId}`: the user, and the actions its status allows that the caller's role may take. */
export const RetrievedUserSchema = z.object({ user: OktaObjectSchema, allowedActions: z.array(OktaActionSchema), oktaRequestId });

/** `POST …/okta/users/{userId}`: the user as Okta answered the partial update. */
export const UpdatedUserSchema = z.object({ user: OktaObjectSchema, oktaRequestId });

/** `GET …/okta/users/{userId}/groups`. */
export const UserGroupsSchema = z.object({ groups: z.array(OktaObjectSchema), oktaRequestId });

/** `GET …/okta/authenticators`. */
export const AuthenticatorListSchema = z.object({ authenticators: z.array(OktaObjectSchema), oktaRequestId });

/** `GET …/okta/authenticators/{authenticatorId}`. */
export const AuthenticatorSchema = z.object({ authenticator: OktaObjectSchema, oktaRequestId });
