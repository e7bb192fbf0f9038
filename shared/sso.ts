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
});
export type IdpCertificate = z.infer<typeof IdpCertificateSchema>;

/** What the metadata document itself says (see `parseIdpMetadata`). */
const idpMetadataShape = {
  /** Compared exactly with the `Issuer` of every Response and Assertion. */
  entityId: z.string().min(1),
  ssoUrlRedirect: z.url({ protocol: /^https?$/ }).optional(),
  ssoUrlPost: z.url({ protocol: /^https?$/ }).optional(),
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

/** A pinned certificate as the API shows it: no DER needed, plus whether it has expired. */
export const SsoCertificateSummarySchema = IdpCertificateSchema.omit({ base64: true }).extend({
  expired: z.boolean(),
});
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
});
export type SpUrls = z.infer<typeof SpUrlsSchema>;

const ssoViewShape = { allowIdpInitiated: z.boolean(), sp: SpUrlsSchema };

/**
 * `GET|PUT /api/orgs/{org}/sso` (worker/src/routes/sso-config.ts): the SP URLs always, and the IdP summary exactly
 * when an IdP is configured.
 */
export const SsoViewSchema = z.discriminatedUnion("configured", [
  SsoSummarySchema.extend({ configured: z.literal(true), ...ssoViewShape }),
  z.object({ configured: z.literal(false), ...ssoViewShape }),
]);
export type SsoView = z.infer<typeof SsoViewSchema>;
