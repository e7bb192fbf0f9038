import { z } from "zod";
import { EmailSchema } from "./users";

/**
 * SCIM 2.0 (RFC 7643 resources, RFC 7644 protocol) as this worker serves it per organization at `/{org}/scim/v2`,
 * shaped for Okta's provisioning client (docs/scim.md). Requests are parsed loosely (an IdP sends attributes we do
 * not keep; they are ignored), every kept value is bounded; answers are exact.
 */

export const SCIM_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const SCIM_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const SCIM_LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const SCIM_PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

/** The SCIM media type (RFC 7644 §3.1); `application/json` requests are accepted too. */
export const SCIM_MEDIA_TYPE = "application/scim+json";

/** The most resources one list page answers (a larger `count` is lowered to it, RFC 7644 §3.4.2.4). */
export const SCIM_MAX_COUNT = 200;
/** The most members one Group request may name (Okta sends large groups in several PATCH requests). */
export const SCIM_MAX_MEMBERS = 1000;
/** The most operations one PATCH request may carry. */
export const SCIM_MAX_OPERATIONS = 100;
/** The largest SCIM request body, in bytes. */
export const SCIM_MAX_BODY_BYTES = 256 * 1024;

// --- SCIM tokens (the console's part: /api/orgs/{org}/scim/tokens) ----------------------------------------------

/** `GET /api/orgs/{org}/scim/tokens`: one live token, never the token itself. */
export const ScimTokenViewSchema = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type ScimTokenView = z.infer<typeof ScimTokenViewSchema>;

/** `GET /api/orgs/{org}/scim/tokens` (admin): the live tokens, newest first (a revoked token is gone). */
export const ScimTokenListSchema = z.object({ tokens: z.array(ScimTokenViewSchema) });
export type ScimTokenList = z.infer<typeof ScimTokenListSchema>;

/**
 * `POST /api/orgs/{org}/scim/tokens` (admin) → 201: the token (`poc_scim_<org>_<64 hex>`), answered this once, and
 * the SCIM connector base URL to paste into Okta's Provisioning tab. Several tokens may be live at once (rotation:
 * make the new one, switch Okta to it, revoke the old one).
 */
export const CreatedScimTokenSchema = z.object({
  id: z.string(),
  token: z.string(),
  scimBaseUrl: z.url(),
  createdAt: z.iso.datetime(),
});
export type CreatedScimToken = z.infer<typeof CreatedScimTokenSchema>;

/** At most this many live SCIM tokens per organization. */
export const SCIM_MAX_TOKENS = 5;

// --- errors and lists --------------------------------------------------------------------------------------------

/** RFC 7644 §3.12 `scimType`s this worker answers. */
export const ScimTypeSchema = z.enum(["invalidFilter", "invalidValue", "invalidSyntax", "invalidPath", "noTarget", "uniqueness", "mutability", "tooMany"]);
export type ScimType = z.infer<typeof ScimTypeSchema>;

/** The SCIM error body (RFC 7644 §3.12), on every failure of a SCIM route; `status` is the HTTP status as a string. */
export const ScimErrorSchema = z.object({
  schemas: z.tuple([z.literal(SCIM_ERROR)]),
  status: z.string().regex(/^[45]\d\d$/),
  scimType: ScimTypeSchema.optional(),
  detail: z.string(),
});
export type ScimError = z.infer<typeof ScimErrorSchema>;

/** RFC 7643 §3.1 `meta`: `version` is a weak ETag of the last modification. */
export const ScimMetaSchema = z.object({
  resourceType: z.enum(["User", "Group"]),
  created: z.iso.datetime(),
  lastModified: z.iso.datetime(),
  location: z.url(),
  version: z.string(),
});

/**
 * A list query (RFC 7644 §3.4.2): `startIndex` is 1-based, `count` the page size. Out-of-range values are not
 * errors: the server reads a `startIndex` below 1 as 1 and lowers `count` to its maximum ({@link clampListQuery}).
 */
export const ScimListQuerySchema = z.object({
  filter: z.string().max(500).optional(),
  startIndex: z.coerce.number().int().optional(),
  count: z.coerce.number().int().optional(),
});
export type ScimListQuery = z.infer<typeof ScimListQuerySchema>;

/** The page a list query names, as RFC 7644 §3.4.2.4 says a server reads it (defaults: from 1, 100 at most). */
export function clampListQuery(query: ScimListQuery): { filter?: string; startIndex: number; count: number } {
  return {
    ...(query.filter === undefined ? {} : { filter: query.filter }),
    startIndex: Math.max(1, query.startIndex ?? 1),
    count: Math.min(SCIM_MAX_COUNT, Math.max(0, query.count ?? 100)),
  };
}

/** The `ListResponse` of one resource type. */
export const scimListResponse = <S extends z.ZodType>(resource: S) =>
  z.object({
    schemas: z.tuple([z.literal(SCIM_LIST)]),
    totalResults: z.number().int().nonnegative(),
    startIndex: z.number().int().positive(),
    itemsPerPage: z.number().int().nonnegative(),
    Resources: z.array(resource),
  });

// --- Users -------------------------------------------------------------------------------------------------------

const text = (max: number) => z.string().max(max);
/** An attribute a client may send as null to clear it. */
const clearable = (max: number) => text(max).nullable().optional();

export const ScimNameSchema = z.object({
  formatted: clearable(300),
  givenName: clearable(200),
  familyName: clearable(200),
});
export type ScimName = z.infer<typeof ScimNameSchema>;

/**
 * `POST /Users` and `PUT /Users/{id}`: `userName` is the email the user signs in with (lower-cased, so it is the
 * same user SAML JIT creates). Other attributes Okta sends (emails, locale, the enterprise extension…) are ignored.
 */
export const ScimUserInputSchema = z.object({
  schemas: z.array(text(200)).max(10).optional(),
  userName: EmailSchema,
  externalId: clearable(200),
  name: ScimNameSchema.nullable().optional(),
  displayName: clearable(300),
  active: z.boolean().optional(),
});
export type ScimUserInput = z.infer<typeof ScimUserInputSchema>;

export const ScimUserSchema = z.object({
  schemas: z.tuple([z.literal(SCIM_USER)]),
  id: z.string(),
  externalId: z.string().optional(),
  userName: z.string(),
  name: z.object({ formatted: z.string().optional(), givenName: z.string().optional(), familyName: z.string().optional() }).optional(),
  displayName: z.string().optional(),
  active: z.boolean(),
  emails: z.array(z.object({ value: z.string(), type: z.literal("work"), primary: z.literal(true) })),
  meta: ScimMetaSchema,
});
export type ScimUser = z.infer<typeof ScimUserSchema>;

export const ScimUserListSchema = scimListResponse(ScimUserSchema);

// --- Groups ------------------------------------------------------------------------------------------------------

export const ScimMemberInputSchema = z.object({ value: text(100).min(1), display: text(300).optional() });

/** `POST /Groups` and `PUT /Groups/{id}`: members name users by their SCIM `id`. */
export const ScimGroupInputSchema = z.object({
  schemas: z.array(text(200)).max(10).optional(),
  displayName: z.string().trim().min(1).max(256),
  externalId: clearable(200),
  members: z.array(ScimMemberInputSchema).max(SCIM_MAX_MEMBERS).optional(),
});
export type ScimGroupInput = z.infer<typeof ScimGroupInputSchema>;

export const ScimGroupSchema = z.object({
  schemas: z.tuple([z.literal(SCIM_GROUP)]),
  id: z.string(),
  externalId: z.string().optional(),
  displayName: z.string(),
  members: z.array(z.object({ value: z.string(), display: z.string(), $ref: z.url() })),
  meta: ScimMetaSchema,
});
export type ScimGroup = z.infer<typeof ScimGroupSchema>;

export const ScimGroupListSchema = scimListResponse(ScimGroupSchema);

// --- PATCH -------------------------------------------------------------------------------------------------------

/** One PATCH operation; `op` is matched case-insensitively (some clients send `Replace`). */
export const ScimPatchOperationSchema = z.object({
  op: z
    .string()
    .max(10)
    .transform((op) => op.toLowerCase())
    .pipe(z.enum(["add", "remove", "replace"])),
  path: text(300).optional(),
  value: z.unknown().optional(),
});
export type ScimPatchOperation = z.infer<typeof ScimPatchOperationSchema>;

/** `PATCH /Users/{id}` and `PATCH /Groups/{id}` (RFC 7644 §3.5.2). */
export const ScimPatchSchema = z.object({
  schemas: z
    .array(text(200))
    .max(10)
    .refine((schemas) => schemas.includes(SCIM_PATCH), `schemas must include ${SCIM_PATCH}`),
  Operations: z.array(ScimPatchOperationSchema).min(1).max(SCIM_MAX_OPERATIONS),
});
export type ScimPatch = z.infer<typeof ScimPatchSchema>;
