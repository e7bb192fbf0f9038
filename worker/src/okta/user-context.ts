import { toPartError } from "../../../shared/part-error";
import type { OktaUserSummary, PartError } from "../../../shared/persona";
import { callOkta, type OktaConnection } from "./call-okta";
import type { OktaAmbient } from "./upstream";

export type OktaUserContext = {
  okta: OktaUserSummary | null;
  /** Okta's user as it answered (its `_links` decide the allowed actions); null when it could not be read. */
  rawUser: unknown;
  oktaError?: PartError;
  oktaRequestId: string | null;
  /** Which Okta org answered (null when no credential could be opened). */
  tenant: OktaTenant | null;
};

export type OktaTenant = { credentialId: string; orgUrl: string; adminConsoleHost: string | null };

/**
 * The Okta half of a user context, never throwing: the user (always fresh: a status must never be stale) and their
 * groups (fresh too, unless the gate keeps them while the org's event hook delivers), asked concurrently. A user that cannot be read is `okta: null` with `oktaError`; groups that
 * cannot be read leave the user with `groups: []` and `groupsError`. These reads are not audited: opening a user's
 * page is not an action, and auditing every view would bury the actions in the audit.
 */
export async function oktaUserContext(input: {
  /** The organization's connection (the named credential, or its only one). */
  open: () => Promise<OktaConnection>;
  userId: string;
  ambient: OktaAmbient;
  requestId: string;
  /** The user's groups when the gate keeps them (only while the org's event hook delivers); the status is always read. */
  groups?: { get(userId: string): OktaUserSummary["groups"] | null; put(userId: string, groups: OktaUserSummary["groups"]): void };
}): Promise<OktaUserContext> {
  const { ambient, requestId } = input;
  let tenant: OktaTenant | null = null;
  try {
    const connection = await input.open();
    tenant = { credentialId: connection.credentialId, orgUrl: connection.orgUrl, adminConsoleHost: connection.adminConsoleHost };
    const params = { userId: input.userId };
    const kept = input.groups?.get(input.userId) ?? null;
    const [user, groups] = await Promise.allSettled([
      callOkta(connection, "retrieve", { params }, ambient),
      kept ? Promise.resolve(null) : callOkta(connection, "list_groups", { params }, ambient),
    ]);
    if (user.status === "rejected") throw user.reason;
    const summary = summarize(user.value.body);
    if (kept) summary.groups = kept;
    else if (groups.status === "fulfilled" && groups.value) {
      summary.groups = summarizeGroups(groups.value.body);
      input.groups?.put(input.userId, summary.groups);
    } else if (groups.status === "rejected") summary.groupsError = toPartError(groups.reason, requestId);
    return { okta: summary, rawUser: user.value.body, oktaRequestId: user.value.requestId, tenant };
  } catch (error) {
    const oktaError = toPartError(error, requestId);
    const oktaRequestId = typeof oktaError.details?.oktaRequestId === "string" ? oktaError.details.oktaRequestId : null;
    return { okta: null, rawUser: null, oktaError, oktaRequestId, tenant };
  }
}

function summarize(body: unknown): OktaUserSummary {
  const user = record(body);
  const profile = record(user.profile);
  return {
    id: text(user.id) ?? "",
    status: text(user.status) ?? "",
    created: text(user.created),
    activated: text(user.activated),
    statusChanged: text(user.statusChanged),
    lastLogin: text(user.lastLogin),
    lastUpdated: text(user.lastUpdated),
    passwordChanged: text(user.passwordChanged),
    profile: { login: text(profile.login), email: text(profile.email), firstName: text(profile.firstName), lastName: text(profile.lastName) },
    groups: [],
  };
}

function summarizeGroups(body: unknown): OktaUserSummary["groups"] {
  if (!Array.isArray(body)) return [];
  return body
    .map(record)
    .filter((group) => typeof group.id === "string")
    .map((group) => ({ id: group.id as string, name: text(record(group.profile).name), type: text(group.type) }));
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
