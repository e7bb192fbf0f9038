/**
 * How long a certificate that disappeared from the IdP's metadata is still trusted (docs/idp-metadata-refresh.md):
 * long enough for assertions signed just before the IdP switched keys, and for a metadata URL served from a cache
 * that lags behind, short enough that a key the IdP withdrew stops verifying within a day.
 */
export const CERTIFICATE_GRACE_MS = 24 * 60 * 60 * 1000;

/** When a certificate missing since `missingSince` is dropped. */
export function graceEndsAt(missingSince: string): string {
  return new Date(Date.parse(missingSince) + CERTIFICATE_GRACE_MS).toISOString();
}
