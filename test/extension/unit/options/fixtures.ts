/** Worker answers the options-page tests share, shaped by the shared schemas (built in code, fixed times). */
import type { AuditEntry } from "../../../../shared/audit";
import type { OrgResponse } from "../../../../shared/orgs";

export const SP = {
  entityId: "https://companion.example.com/acme/metadata",
  metadataUrl: "https://companion.example.com/acme/metadata",
  acsUrl: "https://companion.example.com/acme/acs",
  loginUrl: "https://companion.example.com/acme/login",
  sloUrl: "https://companion.example.com/acme/slo",
};

const FINGERPRINT = Array.from({ length: 32 }, () => "AB").join(":");

export const ssoConfigured = (expired = false) => ({
  configured: true as const,
  allowIdpInitiated: true,
  sp: SP,
  entityId: "http://www.okta.com/exk1",
  ssoUrl: "https://acme.okta.com/app/x/sso/saml",
  certificates: [{ fingerprintSha256: FINGERPRINT, notBefore: "2030-01-01T00:00:00.000Z", notAfter: "2040-01-01T00:00:00.000Z", subject: "CN=acme", expired }],
  metadataUrl: "https://acme.okta.com/app/exk1/sso/saml/metadata",
  fetchedAt: "2030-06-01T00:00:00.000Z",
});
/** `GET /api/orgs/acme` (shared/orgs.ts OrgResponseSchema): the demo organization, its SP URLs those of SP. */
export const orgAnswer = (overrides: Partial<OrgResponse> = {}): OrgResponse => ({
  id: "acme",
  name: "Acme",
  defaultRole: "viewer",
  roleMapping: null,
  allowIdpInitiated: true,
  emailAttribute: "email",
  extensionIds: [],
  createdAt: "2030-01-01T00:00:00.000Z",
  acsUrl: SP.acsUrl,
  audienceUri: SP.entityId,
  metadataUrl: SP.metadataUrl,
  loginUrl: SP.loginUrl,
  ...overrides,
});

export const ssoEmpty = { configured: false as const, allowIdpInitiated: true, sp: SP };

export const CRED_ID = "cred_0123456789abcdef0123456789abcdef";
export const credential = (overrides: Record<string, unknown> = {}) => ({
  id: CRED_ID,
  type: "okta_api_service" as const,
  nickname: "Companion app",
  orgUrl: "https://acme.okta.com",
  adminConsoleHost: "acme-admin.okta.com" as string | null,
  clientId: "0oa1b2c3d4e5f6g7h8i9",
  jwksUrl: `https://companion.example.com/acme/credentials/${CRED_ID}/jwks.json`,
  keys: [{ kid: "k1", alg: "RS256" as const, status: "active" as const, createdAt: "2030-01-01T00:00:00.000Z" }],
  createdAt: "2030-01-01T00:00:00.000Z",
  ...overrides,
});

export const personaConnected = {
  configured: true as const,
  environment: "sandbox" as const,
  baseUrl: "https://api.withpersona.com/api/v1",
  settings: { matchByEmail: { enabled: false, accountField: null, caseField: null }, tagCasesAfterActions: false },
  createdAt: "2030-01-01T00:00:00.000Z",
  updatedAt: "2030-01-02T00:00:00.000Z",
};

export const personaHook = (configured: boolean) => ({
  configured,
  secrets: configured ? 1 : 0,
  webhookUrl: "https://companion.example.com/acme/webhooks/persona",
});
export const oktaHook = (secrets: number) => ({
  configured: secrets > 0,
  secrets,
  hookUrl: "https://companion.example.com/acme/hooks/okta",
  eventTypes: ["user.lifecycle.suspend", "user.account.lock"],
  authorizationHeader: "Authorization" as const,
});

export const policy = {
  configured: true as const,
  templateId: "itmpl_abc",
  passOn: ["approved" as const],
  linkTtlSeconds: 900,
  validForMinutes: 30,
  requiredFor: ["reset_factors" as const],
  fieldMap: { "name-first": "firstName" },
  updatedAt: "2030-01-01T00:00:00.000Z",
};

export const rule = (enabled = true) => ({
  id: "rule_1",
  name: "Declined case suspends the user",
  event: "case.resolved",
  status: "Declined",
  action: "suspend" as const,
  enabled,
  createdAt: "2030-01-01T00:00:00.000Z",
});

let nextId = 100;
/** An audit entry; newest-first lists are built by the caller in that order. */
export const auditEntry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id: nextId++,
  at: "2030-01-03T00:00:00.000Z",
  actor: { kind: "user", id: "usr_ada", label: "ada@acme.test" },
  role: "admin",
  action: "suspend",
  targetUserId: "00udemoada0000000001",
  credentialId: null,
  result: "success",
  status: 200,
  errorCode: null,
  oktaErrorCode: null,
  oktaRequestId: null,
  changes: null,
  recovery: null,
  chain: null,
  ...overrides,
});

export const logEntry = (event: string, at: string, code: string | null = null, message = "") => ({ id: nextId++, at, event, code, message, details: {} });
