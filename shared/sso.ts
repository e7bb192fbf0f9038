import { z } from "zod";
import { Base64Schema } from "./ids";

/** Largest IdP metadata document an admin may paste (UTF-8 bytes). A fetched document has its own cap. */
export const MAX_METADATA_XML_BYTES = 512 * 1024;

const utf8 = new TextEncoder();

/**
 * Where the SSO configuration of an organization comes from: either the IdP's metadata URL ("Get metadata") or
 * the pasted metadata document, never both. Strict objects: an unknown key (a typo such as `metadataURL`) is
 * refused rather than silently ignored.
 */
export const SsoConfigInputSchema = z.xor([
  z.strictObject({
    // http is allowed here only so that a local dev IdP on loopback can be used; the fetcher enforces the real
    // policy (https only, http for loopback when the deployment allows it, no private addresses).
    metadataUrl: z.url({ protocol: /^https?$/ }).max(2048),
    allowIdpInitiated: z.boolean().optional(),
  }),
  z.strictObject({
    metadataXml: z
      .string()
      .min(1)
      // The character count is a cheap first bound (characters <= UTF-8 bytes); the byte count is the real cap.
      .max(MAX_METADATA_XML_BYTES)
      .refine((xml) => utf8.encode(xml).byteLength <= MAX_METADATA_XML_BYTES, {
        message: `metadataXml must be at most ${MAX_METADATA_XML_BYTES} bytes`,
      }),
    allowIdpInitiated: z.boolean().optional(),
  }),
]);
export type SsoConfigInput = z.infer<typeof SsoConfigInputSchema>;

/** SHA-256 fingerprint of a certificate's DER bytes: 32 upper-case hex pairs joined by ":". */
export const FingerprintSha256Schema = z.string().regex(/^[0-9A-F]{2}(?::[0-9A-F]{2}){31}$/, "expected 32 upper-case hex pairs joined by ':'");

/**
 * A signing certificate pinned from the IdP metadata, as stored. `base64` is the DER certificate (no PEM armour,
 * no whitespace): the ACS verifies signatures only with these keys, never with a certificate found in `KeyInfo`.
 * The other fields are derived from it at import time for display.
 */
export const IdpCertificateSchema = z.object({
  base64: Base64Schema,
  fingerprintSha256: FingerprintSha256Schema,
  notBefore: z.iso.datetime(),
  notAfter: z.iso.datetime(),
  subject: z.string(),
  /**
   * Set when a metadata refresh no longer found this certificate: it is still trusted until the grace period after
   * this time ends, then dropped (docs/idp-metadata-refresh.md). Absent: the current metadata lists it.
   */
  missingSince: z.iso.datetime().optional(),
});
export type IdpCertificate = z.infer<typeof IdpCertificateSchema>;

/** What the metadata document itself says (see `parseIdpMetadata`). */
const idpMetadataShape = {
  /** Compared exactly with the `Issuer` of every Response and Assertion. */
  entityId: z.string().min(1),
  ssoUrlRedirect: z.url({ protocol: /^https?$/ }).optional(),
  ssoUrlPost: z.url({ protocol: /^https?$/ }).optional(),
  /** The IdP's SingleLogoutService endpoints (Okta lists them once SLO is on in the app). */
  sloUrlRedirect: z.url({ protocol: /^https?$/ }).optional(),
  sloUrlPost: z.url({ protocol: /^https?$/ }).optional(),
  certificates: z.array(IdpCertificateSchema).min(1),
};

const hasSsoUrl = (config: { ssoUrlRedirect?: string | undefined; ssoUrlPost?: string | undefined }) =>
  config.ssoUrlRedirect !== undefined || config.ssoUrlPost !== undefined;
const SSO_URL_REQUIRED = { message: "ssoUrlRedirect or ssoUrlPost is required" };

/** The IdP configuration of an organization, as stored. */
export const IdpConfigSchema = z
  .object({
    ...idpMetadataShape,
    /** Set when the configuration was fetched from a URL (it can then be refreshed). */
    metadataUrl: z.url().optional(),
    fetchedAt: z.iso.datetime(),
  })
  .refine(hasSsoUrl, SSO_URL_REQUIRED);
export type IdpConfig = z.infer<typeof IdpConfigSchema>;

/** The part of {@link IdpConfig} read from the metadata document; the caller adds where and when it got it. */
export type IdpMetadata = Omit<IdpConfig, "metadataUrl" | "fetchedAt">;

/** Where a pinned certificate comes from: the IdP's metadata as last read, or kept in grace after it disappeared. */
export const CertificateSourceSchema = z.enum(["metadata", "grace"]);
export type CertificateSource = z.infer<typeof CertificateSourceSchema>;

/**
 * A pinned certificate as the API shows it: no DER needed, plus whether it has expired, the whole days left until
 * `notAfter` (negative once expired) and its source. `fingerprint` repeats `fingerprintSha256` under the name of
 * issue 14's contract; `graceUntil` is when a certificate in grace is dropped.
 */
export const SsoCertificateSummarySchema = IdpCertificateSchema.omit({ base64: true }).extend({
  expired: z.boolean(),
  fingerprint: FingerprintSha256Schema,
  daysLeft: z.number().int(),
  source: CertificateSourceSchema,
  graceUntil: z.iso.datetime().optional(),
});
/**
 * The summary as a client parses it: the fields issue 14 added are always sent by this worker, and optional here
 * so a client still reads an older worker's answer.
 */
const SsoCertificateViewSchema = SsoCertificateSummarySchema.partial({ fingerprint: true, daysLeft: true, source: true });
export type SsoCertificateSummary = z.infer<typeof SsoCertificateSummarySchema>;

/** What the API answers about an organization's SSO configuration. */
export const SsoSummarySchema = z.object({
  entityId: z.string(),
  /** The HTTP-Redirect endpoint when the IdP has one, else the HTTP-POST endpoint. */
  ssoUrl: z.url(),
  certificates: z.array(SsoCertificateSummarySchema),
  metadataUrl: z.url().optional(),
  fetchedAt: z.iso.datetime(),
});
export type SsoSummary = z.infer<typeof SsoSummarySchema>;

/** The per-organization SP endpoints, as an admin pastes them into the Okta SAML app (worker/src/saml/sp-urls.ts). */
export const SpUrlsSchema = z.object({
  /** SP entityID and Audience URI: the metadata URL itself, as in Persona's own dashboard SSO. */
  entityId: z.url(),
  metadataUrl: z.url(),
  acsUrl: z.url(),
  loginUrl: z.url(),
  /** Single logout (both bindings): Okta's "Single Logout URL". */
  sloUrl: z.url(),
});
export type SpUrls = z.infer<typeof SpUrlsSchema>;

// --- SAML options and metadata refresh (docs/idp-metadata-refresh.md) ------------------------------------------

/**
 * The SAML options Okta offers, as an admin turned them on (`PATCH /api/orgs/{org}/sso`); each is off by default.
 * What they do lives with the ACS, the login and the logout routes; they read them from the org record
 * (`ssoSettingsOf` in worker/src/storage/org-config.ts).
 */
export const SsoOptionsSchema = z.object({
  /** Refuse an assertion that is not encrypted to the SP's encryption key. */
  requireEncryptedAssertions: z.boolean(),
  /** Sign every AuthnRequest (HTTP-Redirect binding) with the SP's signing key. */
  signAuthnRequests: z.boolean(),
  /** Send a LogoutRequest to the IdP at logout, and take the IdP's at `/{org}/slo`. */
  singleLogout: z.boolean(),
});
export type SsoOptions = z.infer<typeof SsoOptionsSchema>;

/** What the last metadata refresh of an organization did (each outcome is also an org log entry). */
export const MetadataRefreshResultSchema = z.enum([
  /** The document says what is stored. */
  "unchanged",
  /** Certificates were added, put in grace, brought back or dropped. */
  "updated",
  /** The entity ID or an SSO URL changed: nothing was applied, the change waits for an admin. */
  "pending",
  /** The metadata is pinned: the document was read and compared, nothing was applied. */
  "pinned",
  /** The fetch or the document failed: the configuration was left as it was. */
  "failed",
]);
export type MetadataRefreshResult = z.infer<typeof MetadataRefreshResultSchema>;

/**
 * A change of who the IdP is (entity ID) or where sign-in goes (SSO URLs) that a refresh found, with the whole
 * document it came in: applied only when an admin accepts it (`PATCH {acceptPending: true}`).
 */
export const PendingIdpChangeSchema = z.object({ ...idpMetadataShape, detectedAt: z.iso.datetime() }).refine(hasSsoUrl, SSO_URL_REQUIRED);
export type PendingIdpChange = z.infer<typeof PendingIdpChangeSchema>;

/** The refresh state of an organization, as stored. */
export const MetadataRefreshStateSchema = z.object({
  /** Pinned: refreshes still fetch and report, but change nothing. */
  pinned: z.boolean(),
  lastAt: z.iso.datetime().nullable(),
  lastResult: MetadataRefreshResultSchema.nullable(),
  pending: PendingIdpChangeSchema.optional(),
});
export type MetadataRefreshState = z.infer<typeof MetadataRefreshStateSchema>;

/** An organization's SSO settings beside its IdP configuration, as stored (worker/src/storage/org-config.ts). */
export const SsoSettingsSchema = z.object({ options: SsoOptionsSchema, refresh: MetadataRefreshStateSchema });
export type SsoSettings = z.infer<typeof SsoSettingsSchema>;

/** What an organization that never changed them has. */
export const DEFAULT_SSO_SETTINGS: SsoSettings = {
  options: { requireEncryptedAssertions: false, signAuthnRequests: false, singleLogout: false },
  refresh: { pinned: false, lastAt: null, lastResult: null },
};

/**
 * `PATCH /api/orgs/{org}/sso` (admin): the options, pinning, and the answer to a pending change (`true` applies
 * it, `false` discards it). Strict, and at least one key: an empty or misspelt patch is refused, not ignored.
 */
export const SsoPatchSchema = z
  .strictObject({
    pinned: z.boolean(),
    acceptPending: z.boolean(),
    requireEncryptedAssertions: z.boolean(),
    signAuthnRequests: z.boolean(),
    singleLogout: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "nothing to update");
export type SsoPatch = z.infer<typeof SsoPatchSchema>;

/** A pending change as the API shows it: the certificates by fingerprint only. */
export const PendingIdpChangeViewSchema = z.object({
  entityId: z.string(),
  ssoUrlRedirect: z.url().optional(),
  ssoUrlPost: z.url().optional(),
  fingerprints: z.array(FingerprintSha256Schema),
  detectedAt: z.iso.datetime(),
});

export const MetadataRefreshViewSchema = MetadataRefreshStateSchema.omit({ pending: true }).extend({
  pending: PendingIdpChangeViewSchema.optional(),
});

/** Whose expiry a warning is about. */
export const ExpiryWarningKindSchema = z.enum(["idp_certificate", "sp_key", "okta_signing_key"]);

/**
 * A key or certificate that expires within 30 days (`warning`) or 7 days or fewer, or has expired (`critical`).
 * `subject` names it: a certificate by fingerprint, a key by its `kid`.
 */
export const ExpiryWarningSchema = z.object({
  kind: ExpiryWarningKindSchema,
  subject: z.string(),
  daysLeft: z.number().int(),
  severity: z.enum(["warning", "critical"]),
});
export type ExpiryWarning = z.infer<typeof ExpiryWarningSchema>;

/**
 * A key of the organization other than the IdP's certificates, with its days to expiry: the SP's own keys (kind
 * `sp_key`), and the signing keys of Okta API-service credentials, published in their JWKS (`okta_signing_key`).
 * Those are bare JWKs without a validity period: `notAfter` and `daysLeft` are null, they never expire by date and
 * are retired by rotation (docs/idp-metadata-refresh.md).
 */
export const KeyExpirySchema = z.object({
  kind: ExpiryWarningKindSchema.exclude(["idp_certificate"]),
  /** Which key: `<credential ID>/<kid>` for an Okta signing key, the `kid` or name for an SP key. */
  subject: z.string(),
  notAfter: z.iso.datetime().nullable(),
  daysLeft: z.number().int().nullable(),
});
export type KeyExpiry = z.infer<typeof KeyExpirySchema>;

// `options`, `refresh`, `keys` and `warnings` are always sent by this worker; optional so that a client still reads
// an older worker's answer (and its fixtures still type-check).
const ssoViewShape = {
  allowIdpInitiated: z.boolean(),
  sp: SpUrlsSchema,
  options: SsoOptionsSchema.optional(),
  refresh: MetadataRefreshViewSchema.optional(),
  keys: z.array(KeyExpirySchema).optional(),
  warnings: z.array(ExpiryWarningSchema).optional(),
};

/**
 * `GET|PUT|PATCH /api/orgs/{org}/sso` (worker/src/routes/sso-config.ts): the SP URLs, the options, the refresh
 * state and the expiry warnings always, and the IdP summary exactly when an IdP is configured.
 */
export const SsoViewSchema = z.discriminatedUnion("configured", [
  SsoSummarySchema.extend({ configured: z.literal(true), certificates: z.array(SsoCertificateViewSchema), ...ssoViewShape }),
  z.object({ configured: z.literal(false), ...ssoViewShape }),
]);
export type SsoView = z.infer<typeof SsoViewSchema>;
