import type { StoredCredential } from "../../../shared/credentials";
import type { ExpiryWarning, KeyExpiry, SsoCertificateSummary } from "../../../shared/sso";
import type { AppEnv } from "../env";
import { expiryWarning } from "../saml/metadata-refresh-expiry";
import { listCredentials } from "../storage/credentials";

/**
 * The organization's keys other than the IdP's certificates, with their days to expiry. Okta API-service signing
 * keys (the JWKS Okta fetches) are bare JWKs: they carry no validity period, so they show no expiry date and never
 * warn; they end by rotation (docs/idp-metadata-refresh.md). SP keys join this list where they are made.
 */
export async function orgKeyExpiries(env: AppEnv, orgId: string): Promise<KeyExpiry[]> {
  return credentialKeyExpiries(await listCredentials(env.CONFIG, orgId));
}

/** {@link orgKeyExpiries} of credentials already read. */
export function credentialKeyExpiries(credentials: readonly StoredCredential[]): KeyExpiry[] {
  return credentials.flatMap((credential) =>
    credential.type === "okta_api_service"
      ? credential.keys.map((key) => ({ kind: "okta_signing_key" as const, subject: `${credential.id}/${key.kid}`, notAfter: null, daysLeft: null }))
      : [],
  );
}

/**
 * What the organization's status warns about: every certificate or key within 30 days of expiry (7 days:
 * critical), soonest first. A certificate kept in grace is left out: it is about to be dropped anyway, and the
 * metadata already lists its successor.
 */
export function expiryWarnings(certificates: readonly SsoCertificateSummary[], keys: readonly KeyExpiry[]): ExpiryWarning[] {
  const warnings = [
    ...certificates.filter((certificate) => certificate.source === "metadata").map((c) => expiryWarning("idp_certificate", c.fingerprint, c.daysLeft)),
    ...keys.map((key) => (key.daysLeft === null ? null : expiryWarning(key.kind, key.subject, key.daysLeft))),
  ];
  return warnings.filter((warning) => warning !== null).sort((a, b) => a.daysLeft - b.daysLeft);
}
