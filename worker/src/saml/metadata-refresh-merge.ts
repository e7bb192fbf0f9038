import type { IdpCertificate, IdpConfig, IdpMetadata, PendingIdpChange } from "../../../shared/sso";
import { CERTIFICATE_GRACE_MS } from "./metadata-refresh-grace";

/** Which certificates a refresh changed, by SHA-256 fingerprint. */
export type CertificateChanges = {
  /** New in the metadata: trusted from now on (a rollover needs nobody). */
  added: string[];
  /** Gone from the metadata: still trusted for the grace period. */
  missing: string[];
  /** Back in the metadata while in grace: trusted as before. */
  restored: string[];
  /** In grace for the whole period: no longer trusted. */
  dropped: string[];
};

/**
 * What a refreshed document means for the stored configuration:
 * - `identity`: the entity ID or an SSO URL differs. Who the IdP is and where the browser is sent are the
 *   decisions an admin made at import; a document that changes them (a hijacked metadata URL, an app swapped in
 *   Okta) is held as `pending`, with its certificates, and nothing of it is applied.
 * - `certificates`: same IdP; `idp` is the configuration with its certificates merged (see {@link mergeCertificates}).
 */
export type RefreshPlan =
  | { kind: "identity"; pending: PendingIdpChange }
  | { kind: "certificates"; idp: IdpConfig; changes: CertificateChanges; changed: boolean };

export function planMetadataRefresh(stored: IdpConfig, fetched: IdpMetadata, nowMs: number, held?: PendingIdpChange): RefreshPlan {
  if (stored.entityId !== fetched.entityId || stored.ssoUrlRedirect !== fetched.ssoUrlRedirect || stored.ssoUrlPost !== fetched.ssoUrlPost) {
    // The same change seen again keeps the time it was first seen.
    const detectedAt = held && sameDocument(held, fetched) ? held.detectedAt : new Date(nowMs).toISOString();
    return { kind: "identity", pending: { ...fetched, detectedAt } };
  }
  const { certificates, changes } = mergeCertificates(stored.certificates, fetched.certificates, nowMs);
  const changed = Object.values(changes).some((list) => list.length > 0);
  const idp = changed ? { ...stored, certificates, fetchedAt: new Date(nowMs).toISOString() } : stored;
  return { kind: "certificates", idp, changes, changed };
}

/**
 * The certificates to trust after a refresh: every certificate of the document (new ones added), then each stored
 * one the document no longer lists, marked `missingSince` when first missed and dropped once it has been missing
 * for {@link CERTIFICATE_GRACE_MS}. The document's list is never empty (parseIdpMetadata), so neither is this.
 */
export function mergeCertificates(
  stored: readonly IdpCertificate[],
  fetched: readonly IdpCertificate[],
  nowMs: number,
): { certificates: IdpCertificate[]; changes: CertificateChanges } {
  const changes: CertificateChanges = { added: [], missing: [], restored: [], dropped: [] };
  const storedBy = new Map(stored.map((certificate) => [certificate.fingerprintSha256, certificate]));
  const fetchedFingerprints = new Set(fetched.map((certificate) => certificate.fingerprintSha256));
  const current = fetched.map((certificate) => {
    const before = storedBy.get(certificate.fingerprintSha256);
    if (!before) changes.added.push(certificate.fingerprintSha256);
    else if (before.missingSince !== undefined) changes.restored.push(certificate.fingerprintSha256);
    return certificate;
  });
  const grace: IdpCertificate[] = [];
  for (const certificate of stored) {
    if (fetchedFingerprints.has(certificate.fingerprintSha256)) continue;
    if (certificate.missingSince === undefined) {
      changes.missing.push(certificate.fingerprintSha256);
      grace.push({ ...certificate, missingSince: new Date(nowMs).toISOString() });
    } else if (nowMs - Date.parse(certificate.missingSince) >= CERTIFICATE_GRACE_MS) {
      changes.dropped.push(certificate.fingerprintSha256);
    } else {
      grace.push(certificate);
    }
  }
  return { certificates: [...current, ...grace], changes };
}

function sameDocument(held: PendingIdpChange, fetched: IdpMetadata): boolean {
  const fingerprints = (list: readonly IdpCertificate[]) => list.map((certificate) => certificate.fingerprintSha256).join(",");
  return (
    held.entityId === fetched.entityId &&
    held.ssoUrlRedirect === fetched.ssoUrlRedirect &&
    held.ssoUrlPost === fetched.ssoUrlPost &&
    fingerprints(held.certificates) === fingerprints(fetched.certificates)
  );
}
