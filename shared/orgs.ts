import { z } from "zod";
import { INHERITED_NAME_MESSAGE, INHERITED_NAMES } from "./inherited-names";
import { RoleSchema } from "./roles";

/** Path segments the worker uses itself; an organization may not take them as its ID. */
const RESERVED_IDS = new Set([
  "api",
  "docs",
  "health",
  "openapi.json",
  "static",
  "assets",
  "favicon.ico",
  "robots.txt",
  ".well-known",
  "jwks",
  "login",
  "logout",
]);

/**
 * Organization IDs appear in `<base>/<org>/acs` and `<base>/<org>/metadata`: URL-safe, lower case, and without
 * `_`, which Okta refuses in a Single sign on URL.
 */
export const OrgIdSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "lower-case letters, digits and inner hyphens, 1-40 characters, no underscore")
  .refine((id) => !RESERVED_IDS.has(id), "this ID is reserved");
export type OrgId = z.infer<typeof OrgIdSchema>;

/**
 * The name of a SAML attribute an admin configures. Names that every JavaScript object inherits are refused: a
 * lookup by such a name finds a function, not an attribute, and crashed sign-in before attributes moved to a Map.
 */
export const SamlAttributeNameSchema = z
  .string()
  .min(1)
  .max(256)
  .refine((name) => !INHERITED_NAMES.has(name), INHERITED_NAME_MESSAGE);

const roleMappingShape = (attribute: z.ZodType<string>) =>
  z.strictObject({
    attribute,
    rules: z
      .array(z.strictObject({ value: z.string().min(1).max(256), role: RoleSchema }))
      .min(1)
      .max(50),
  });

/** Maps values of one SAML attribute (e.g. `groups`) to roles; the highest matching role wins. */
export const RoleMappingSchema = roleMappingShape(SamlAttributeNameSchema);
export type RoleMapping = z.infer<typeof RoleMappingSchema>;
/** As stored: a record written before inherited names were refused still loads (attributes are a Map now). */
const StoredRoleMappingSchema = roleMappingShape(z.string().min(1).max(256));

/**
 * A browser extension allowed to sign in to this organization (`GET /{org}/login?extension=…`). Chrome IDs are 32
 * letters a–p; Firefox IDs are a UUID in braces or an email-like `name@domain`.
 */
export const ExtensionIdSchema = z
  .string()
  .regex(
    /^(?:[a-p]{32}|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|[a-z0-9._-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,4})$/i,
    "a Chrome extension ID (32 letters a-p) or a Firefox add-on ID ({uuid} or name@domain)",
  );

/** Registered extensions per organization, at most. */
export const MAX_EXTENSION_IDS = 10;

/** At most {@link MAX_EXTENSION_IDS} registered extensions per organization, no duplicates. */
export const ExtensionIdsSchema = z
  .array(ExtensionIdSchema)
  .max(MAX_EXTENSION_IDS)
  .refine((ids) => new Set(ids).size === ids.length, "duplicate extension ID");

export const CreateOrgRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  id: OrgIdSchema.optional(),
  defaultRole: RoleSchema.default("viewer"),
});

export const UpdateOrgRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    defaultRole: RoleSchema,
    roleMapping: RoleMappingSchema.nullable(),
    allowIdpInitiated: z.boolean(),
    emailAttribute: SamlAttributeNameSchema,
    extensionIds: ExtensionIdsSchema,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "nothing to update");

/** An organization's settings as stored in KV and returned to its admins. */
export const OrgSettingsSchema = z.object({
  id: OrgIdSchema,
  name: z.string(),
  defaultRole: RoleSchema,
  roleMapping: StoredRoleMappingSchema.nullable(),
  /** IdP-initiated (Okta dashboard tile) sign-in; on by default because Okta tiles need it. */
  allowIdpInitiated: z.boolean(),
  /** Name of the SAML attribute that carries the user's email. */
  emailAttribute: z.string(),
  /** Extension IDs allowed to sign in and receive a one-time code (absent in records written before: none). */
  extensionIds: z.array(z.string()).default([]),
  createdAt: z.iso.datetime(),
});
export type OrgSettings = z.infer<typeof OrgSettingsSchema>;

/** What `POST /api/orgs` and `GET /api/orgs/{org}` answer: the settings plus the URLs to paste into Okta. */
export const OrgResponseSchema = OrgSettingsSchema.extend({
  acsUrl: z.url(),
  audienceUri: z.url(),
  metadataUrl: z.url(),
  loginUrl: z.url(),
});
export type OrgResponse = z.infer<typeof OrgResponseSchema>;
