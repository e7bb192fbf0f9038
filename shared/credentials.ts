import { z } from "zod";
import { isAdminConsoleHost, OKTA_SERVERS } from "./okta-servers";

/** Okta's cell domains; an org URL is `https://<subdomain>.<server>` (never the `-admin` host). */
export const OktaServerSchema = z.enum(OKTA_SERVERS);

const common = { nickname: z.string().trim().min(1).max(80) };

// Where the Okta org is: a full `orgUrl`, or `subdomain` + `server` (as Persona's setup asks); exactly one of the
// two is required, which worker/src/okta/org-url.ts checks (https only; loopback http with ALLOW_LOOPBACK_UPSTREAMS).
// Both stay loose strings here so that every location mistake gets the one code `okta_org_url_invalid`.
const location = {
  orgUrl: z.string().max(256).optional(),
  subdomain: z.string().max(63).optional(),
  server: OktaServerSchema.optional(),
  /**
   * The org's admin console host (`acme-admin.okta.com`), which the overlay must be on to offer actions. Derived
   * from an `https://<subdomain>.<server>` org URL; give it for any other org URL (a custom domain, a local fake).
   */
  adminConsoleHost: z
    .string()
    .max(253)
    .transform((host) => host.trim().toLowerCase())
    .refine(isAdminConsoleHost, "an Okta admin console host such as acme-admin.okta.com")
    .optional(),
};

/** Credential IDs: `cred_` + 128 random bits in hex. */

/** The signature algorithms a credential's client-authentication key may use. */
export const SigningAlgSchema = z.enum(["RS256", "ES256"]);
export type SigningAlg = z.infer<typeof SigningAlgSchema>;

/** `POST /api/orgs/{org}/credentials`: an Okta API Service app (private_key_jwt; the worker makes the key pair). */
export const CreateApiServiceCredentialSchema = z.strictObject({
  type: z.literal("okta_api_service"),
  ...common,
  clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "an Okta client ID such as 0oa1b2c3d4e5f6g7h8i9"),
  alg: SigningAlgSchema.default("RS256"),
  ...location,
});

/** `POST /api/orgs/{org}/credentials`: an Okta API token (SSWS), tolerated for testing as in Persona's guide. */
export const CreateApiKeyCredentialSchema = z.strictObject({
  type: z.literal("okta_api_key"),
  ...common,
  token: z.string().regex(/^[\x21-\x7e]{20,200}$/, "an Okta API token"),
  ...location,
});

export const CreateCredentialSchema = z.discriminatedUnion("type", [CreateApiServiceCredentialSchema, CreateApiKeyCredentialSchema]);
export type CreateCredentialInput = z.infer<typeof CreateCredentialSchema>;

const b64u = z.string().regex(/^[A-Za-z0-9_-]+$/);

/**
 * A public signing key as published in the JWKS. Strict objects: a private member (`d`, `p`, `q`, `dp`, `dq`,
 * `qi`) or anything else unexpected fails validation, so it can neither be stored here nor served.
 */
export const PublicJwkSchema = z.discriminatedUnion("kty", [
  z.strictObject({ kty: z.literal("RSA"), kid: z.string(), use: z.literal("sig"), alg: z.literal("RS256"), n: b64u, e: b64u }),
  z.strictObject({ kty: z.literal("EC"), kid: z.string(), use: z.literal("sig"), alg: z.literal("ES256"), crv: z.literal("P-256"), x: b64u, y: b64u }),
]);
export type PublicJwk = z.infer<typeof PublicJwkSchema>;

/** The public half of the DPoP proof key (ES256), as it goes into a proof's `jwk` header. */
export const DpopPublicJwkSchema = z.strictObject({ kty: z.literal("EC"), crv: z.literal("P-256"), x: b64u, y: b64u });

/** `active`: signs assertions; `next`: published, not yet signing; `retired`: published for a grace period, never signs. */
export const KeyStatusSchema = z.enum(["active", "next", "retired"]);

/**
 * AES-GCM ciphertext of a secret, with the version of the worker key that sealed it (so that key can rotate).
 * `to: true` marks a secret sealed for one destination (the origin it may be sent to is part of its AAD); values
 * sealed before destinations were bound lack it, and are bound by the next re-seal (worker/src/crypto/secret-box.ts).
 */
export const SealedSchema = z.object({ v: z.number().int().positive(), iv: z.string(), ct: z.string(), to: z.literal(true).optional() });
export type Sealed = z.infer<typeof SealedSchema>;

export const StoredKeySchema = z.object({
  kid: z.string(),
  alg: SigningAlgSchema,
  status: KeyStatusSchema,
  publicJwk: PublicJwkSchema,
  /** PKCS#8 private key, sealed (AAD `cred:{org}:{id}:key:{kid}`). */
  privateKey: SealedSchema,
  createdAt: z.iso.datetime(),
  /** When the key stopped signing (set when it becomes `retired`). */
  retiredAt: z.iso.datetime().optional(),
});
export type StoredKey = z.infer<typeof StoredKeySchema>;

/** A credential as stored in KV (`cred:{org}:{id}`). Secrets appear only sealed, each bound to its record by AAD. */
export const StoredCredentialSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("okta_api_service"),
    id: z.string(),
    orgId: z.string(),
    nickname: z.string(),
    orgUrl: z.url(),
    adminConsoleHost: z.string().nullable().optional(),
    clientId: z.string(),
    keys: z.array(StoredKeySchema).min(1),
    /** The DPoP proof key, separate from the client-authentication key as Okta advises (ES256). */
    dpopKey: z.object({ publicJwk: DpopPublicJwkSchema, privateKey: SealedSchema }),
    createdAt: z.iso.datetime(),
  }),
  z.object({
    type: z.literal("okta_api_key"),
    id: z.string(),
    orgId: z.string(),
    nickname: z.string(),
    orgUrl: z.url(),
    adminConsoleHost: z.string().nullable().optional(),
    /** The SSWS token, sealed (AAD `cred:{org}:{id}:token`). */
    token: SealedSchema,
    createdAt: z.iso.datetime(),
  }),
]);
export type StoredCredential = z.infer<typeof StoredCredentialSchema>;
export type ApiServiceCredential = Extract<StoredCredential, { type: "okta_api_service" }>;

/** What any API answers about a credential: never a secret, never a private key, not even to admins. */
export const CredentialViewSchema = z.object({
  id: z.string(),
  type: z.enum(["okta_api_service", "okta_api_key"]),
  nickname: z.string(),
  orgUrl: z.url(),
  /** The admin console host the overlay must be on to act with this credential; null when it is not known. */
  adminConsoleHost: z.string().nullable(),
  clientId: z.string().optional(),
  jwksUrl: z.url().optional(),
  keys: z
    .array(z.object({ kid: z.string(), alg: SigningAlgSchema, status: KeyStatusSchema, createdAt: z.string(), retiredAt: z.string().optional() }))
    .optional(),
  createdAt: z.string(),
});
export type CredentialView = z.infer<typeof CredentialViewSchema>;

/** `GET /api/orgs/{org}/credentials`. */
export const CredentialListSchema = z.object({ credentials: z.array(CredentialViewSchema) });

/** What an admin does in Okta Admin for a new credential (answered once, with the 201). */
export const OktaSetupSchema = z.object({
  steps: z.array(z.string()),
  /** Every OAuth scope the worker may request (grant them all on the app's "Okta API Scopes" tab). */
  scopes: z.array(z.string()).optional(),
  /** The admin-role permissions to grant the app (custom role), and the actions that need each. */
  permissions: z.array(z.object({ permission: z.string(), actions: z.array(z.string()) })),
});
export type OktaSetup = z.infer<typeof OktaSetupSchema>;

/** `POST /api/orgs/{org}/credentials` → 201. */
export const CreatedCredentialSchema = CredentialViewSchema.extend({ oktaSetup: OktaSetupSchema });

/** `POST /api/orgs/{org}/credentials/{id}/keys` → 201: the credential, and the `kid` of its new `next` key. */
export const AddedKeySchema = CredentialViewSchema.extend({ kid: z.string() });

/** `POST /api/credentials/reseal`: every stored secret is now sealed under `sealVersion`. */
export const ResealResultSchema = z.object({ sealVersion: z.number().int(), resealed: z.number().int(), unchanged: z.number().int() });

/** `GET /{org}/credentials/{id}/jwks.json` (public): the credential's published keys, public members only. */
export const JwksSchema = z.object({ keys: z.array(PublicJwkSchema) });
