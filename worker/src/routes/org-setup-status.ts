import type { StoredCredential } from "../../../shared/credentials";
import type { PersonaEnvironment } from "../../../shared/persona";
import type { ExpiryWarning } from "../../../shared/sso";
import type { AppEnv } from "../env";
import { credentialKeyExpiries, expiryWarnings } from "../org/metadata-refresh-status";
import { summarizeIdpConfig } from "../saml/idp-metadata";
import { EXPIRY_WARNING_DAYS } from "../saml/metadata-refresh-expiry";
import { listCredentials } from "../storage/credentials";
import { oktaHookSecrets } from "../storage/okta-event-hook";
import type { OrgRecord } from "../storage/org-config";
import { getPersona } from "../storage/persona";
import { getRules, personaWebhookSecrets } from "../storage/persona-automation";
import { getVerificationPolicy } from "../storage/verification-policy";

/**
 * A certificate's expiry within this many days is shown as a warning: time for the IdP's next certificate (the
 * same threshold as the expiry warnings, docs/idp-metadata-refresh.md).
 */
export const CERTIFICATE_WARNING_DAYS = EXPIRY_WARNING_DAYS;
const DAY_MS = 86_400_000;

export type CertificateExpiry = { notAfter: string; daysLeft: number; state: "valid" | "expiring" | "expired" };

/**
 * How far an organization's setup has come, for its members' status page (`GET /{org}/`). Facts only: yes/no,
 * counts and dates, never a secret, a key or a URL an admin entered. The last credential Test is not among them:
 * the worker keeps no per-credential result (each Test is an audit entry, `credential_test`).
 */
export type OrgSetupStatus = {
  sso: { configured: false } | { configured: true; certificates: CertificateExpiry[] };
  okta: { credentials: number; types: StoredCredential["type"][] };
  persona: { connected: false } | { connected: true; environment: PersonaEnvironment };
  personaWebhookSecret: boolean;
  oktaEventHookSecret: boolean;
  verification: { configured: false } | { configured: true; gatedActions: number };
  rules: { total: number; enabled: number };
  /** Certificates and keys within 30 days of expiry (7: critical), soonest first; the same as GET /api/orgs/{org}/sso. */
  warnings: ExpiryWarning[];
};

/** Every certificate pinned from the IdP metadata, soonest expiry first. */
export function certificateExpiries(record: OrgRecord, nowMs: number): CertificateExpiry[] {
  return (record.idp?.certificates ?? [])
    .map((certificate) => {
      const leftMs = Date.parse(certificate.notAfter) - nowMs;
      const daysLeft = Math.floor(leftMs / DAY_MS);
      const state: CertificateExpiry["state"] = leftMs <= 0 ? "expired" : daysLeft <= CERTIFICATE_WARNING_DAYS ? "expiring" : "valid";
      return { notAfter: certificate.notAfter, daysLeft, state };
    })
    .sort((a, b) => a.notAfter.localeCompare(b.notAfter));
}

/** Reads the organization's configuration records from KV, concurrently; nothing sealed is opened. */
export async function readOrgSetupStatus(env: AppEnv, record: OrgRecord, nowMs: number): Promise<OrgSetupStatus> {
  const kv = env.CONFIG;
  const orgId = record.settings.id;
  const [credentials, persona, webhookSecrets, hookSecrets, policy, rules] = await Promise.all([
    listCredentials(kv, orgId),
    getPersona(kv, orgId),
    personaWebhookSecrets.count(kv, orgId),
    oktaHookSecrets.count(kv, orgId),
    getVerificationPolicy(kv, orgId),
    getRules(kv, orgId),
  ]);
  return {
    sso: record.idp ? { configured: true, certificates: certificateExpiries(record, nowMs) } : { configured: false },
    okta: { credentials: credentials.length, types: [...new Set(credentials.map((credential) => credential.type))] },
    persona: persona ? { connected: true, environment: persona.environment } : { connected: false },
    personaWebhookSecret: webhookSecrets > 0,
    oktaEventHookSecret: hookSecrets > 0,
    verification: policy ? { configured: true, gatedActions: policy.requiredFor.length } : { configured: false },
    rules: { total: rules.length, enabled: rules.filter((rule) => rule.enabled).length },
    warnings: expiryWarnings(record.idp ? summarizeIdpConfig(record.idp, nowMs).certificates : [], credentialKeyExpiries(credentials)),
  };
}
