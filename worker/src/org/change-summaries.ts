import type { CredentialView } from "../../../shared/credentials";
import type { OrgSettings } from "../../../shared/orgs";
import type { StoredPersona } from "../../../shared/persona";
import type { Rule } from "../../../shared/persona-rules";
import type { User } from "../../../shared/users";
import type { VerificationPolicy } from "../../../shared/verification";
import type { OrgRecord } from "../storage/org-config";
import { describe, type Summary } from "./audit-writer";

/**
 * What the audit of a configuration change records about each kind of object (./audit-writer.ts). Each summary
 * names its fields one by one: a secret (an API key, a token, a webhook secret, a private key) has no field here,
 * so no later change to a record can carry one into the audit.
 */

export function orgSummary(settings: OrgSettings): Summary {
  return {
    name: settings.name,
    defaultRole: settings.defaultRole,
    roleMapping: describe(settings.roleMapping),
    allowIdpInitiated: settings.allowIdpInitiated,
    emailAttribute: settings.emailAttribute,
    extensionIds: settings.extensionIds,
  };
}

/** The IdP an organization trusts: who signs (entity ID, certificates by fingerprint) and where sign-in goes. */
export function ssoSummary(record: OrgRecord): Summary | null {
  const { idp } = record;
  if (!idp) return null;
  return {
    entityId: idp.entityId,
    ssoUrlRedirect: idp.ssoUrlRedirect ?? null,
    ssoUrlPost: idp.ssoUrlPost ?? null,
    certificates: idp.certificates.map((certificate) => certificate.fingerprintSha256),
    metadataUrl: idp.metadataUrl ?? null,
    allowIdpInitiated: record.settings.allowIdpInitiated,
  };
}

export function userSummary(user: Pick<User, "id" | "email" | "role" | "disabled">): Summary {
  return { user: user.email, userId: user.id, role: user.role, disabled: user.disabled };
}

export function credentialSummary(view: CredentialView): Summary {
  return {
    nickname: view.nickname,
    type: view.type,
    orgUrl: view.orgUrl,
    adminConsoleHost: view.adminConsoleHost,
    clientId: view.clientId ?? null,
    keys: (view.keys ?? []).map((key) => `${key.kid} ${key.alg} ${key.status}`),
  };
}

/** The Persona connection; the key by its environment only (the action says when a key was entered). */
export function personaSummary(record: StoredPersona | null): Summary | null {
  if (!record) return null;
  return {
    baseUrl: record.baseUrl,
    environment: record.environment,
    matchByEmail: describe(record.settings.matchByEmail),
    tagCasesAfterActions: record.settings.tagCasesAfterActions,
  };
}

export function ruleSummary(rule: Rule): Summary {
  return { ruleId: rule.id, name: rule.name, event: rule.event, status: rule.status ?? null, action: rule.action, enabled: rule.enabled };
}

/** The verified-recovery policy: every field (none is secret); the field map as `personaField=oktaAttribute` pairs. */
export function verificationPolicySummary(policy: VerificationPolicy | null): Summary | null {
  if (!policy) return null;
  return {
    templateId: policy.templateId,
    passOn: policy.passOn,
    linkTtlSeconds: policy.linkTtlSeconds,
    validForMinutes: policy.validForMinutes,
    requiredFor: policy.requiredFor,
    fieldMap: Object.entries(policy.fieldMap).map(([field, attribute]) => `${field}=${attribute}`),
  };
}
