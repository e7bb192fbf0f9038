import { z } from "zod";
import { jsonOrNull } from "../../shared/json-text";
import { ClearSessionsResultSchema, LifecycleResultSchema, TemporaryAccessCodeSchema } from "../../shared/okta-proxy";
import { UserContextSchema } from "../../shared/persona";
import { TimelinePageSchema } from "../../shared/timeline";
import { type RecoveryProof, StartedVerificationSchema, VerificationListSchema, VerificationSchema } from "../../shared/verification";
import type { MessageType, RequestOf, ResponseOf } from "../lib/protocol";
import type { Settings } from "../lib/settings-schema";
import { evidenceFile } from "./evidence-file";
import { linkQr } from "./link-qr";
import { extensionFailure } from "./reply-failure";
import { clearSession, readSession, readSettings, type StoredSession, sessionView, writeSession, writeSettings } from "./session-store";
import { signIn } from "./sign-in";
import { callWorker, callWorkerForText, expectOk, type WorkerAnswer } from "./worker-client";

/** What the handlers need from the browser, passed in so tests can stand in for it. */
export interface BackgroundDeps {
  extensionId: string;
  /** `chrome-extension://<id>` (Firefox: `moz-extension://<uuid>`): the origin of the extension's own pages. */
  extensionOrigin: string;
  redirectUrl: string;
  launchWebAuthFlow: (details: { url: string; interactive: boolean }) => Promise<string | undefined>;
  /** Whether the extension holds the host permission for `origin` (asked for by the options page). */
  hasOriginPermission: (origin: string) => Promise<boolean>;
  openOptionsPage: () => Promise<void>;
  fetchImpl?: typeof fetch;
  nowMs?: () => number;
}

type Handlers = { [T in MessageType]: (payload: RequestOf<T>, deps: BackgroundDeps) => Promise<ResponseOf<T>> };

/** Worker codes after which the stored token is useless: forget it, so the UI asks to sign in again. */
const DEAD_SESSION_CODES = new Set(["unauthenticated", "session_expired", "user_disabled"]);

export const handlers: Handlers = {
  "session.get": async (_payload, deps) => {
    const settings = await readSettings();
    const session = settings === null ? null : await sessionFor(settings, deps);
    return session ? sessionView(session) : null;
  },

  "overlay.context": async ({ userId }, deps) => authed(deps, "GET", (org) => `${userPath(org, userId)}/context`, undefined, UserContextSchema),

  "overlay.lifecycle": async ({ userId, action, ...given }, deps) =>
    authed(deps, "POST", (org) => `${userPath(org, userId)}/lifecycle/${action}`, proofBody(given), LifecycleResultSchema),

  "overlay.tac": async ({ userId, ...given }, deps) =>
    authed(deps, "POST", (org) => `${userPath(org, userId)}/temporary-access-code`, proofBody(given) ?? {}, TemporaryAccessCodeSchema),

  // The OAuth tokens are revoked too, as the confirmation says; the content script cannot ask for anything else.
  "overlay.sessions.clear": async ({ userId, ...given }, deps) =>
    authed(deps, "POST", (org) => `${userPath(org, userId)}/sessions/clear`, { oauthTokens: true, ...proofBody(given) }, ClearSessionsResultSchema),

  "overlay.timeline": async ({ userId, ...query }, deps) =>
    authed(deps, "GET", (org) => `${userPath(org, userId)}/timeline${timelineQuery(query)}`, undefined, TimelinePageSchema),

  "overlay.evidence": async ({ userId, format }, deps) => {
    const session = await requireSession(deps);
    const answer = await callWorkerForText({
      workerUrl: session.workerUrl,
      token: session.token,
      method: "GET",
      path: `${userPath(session.orgId, userId)}/evidence?format=${format}`,
      accept: format === "csv" ? "text/csv" : "application/json",
      fetchImpl: deps.fetchImpl,
    });
    if (answer.status === 401 || answer.status === 403) await forgetDeadSession({ status: answer.status, body: jsonOrNull(answer.text) });
    return evidenceFile(answer, format, `evidence-${session.orgId}-${userId}`);
  },

  "overlay.verification.start": async ({ userId, for: action }, deps) => {
    const body = action === undefined ? {} : { for: action };
    const started = await authed(deps, "POST", (org) => verificationsPath(org, userId), body, StartedVerificationSchema);
    return { ...started, qr: linkQr(started.oneTimeLink) };
  },

  "overlay.verification.list": async ({ userId }, deps) => authed(deps, "GET", (org) => verificationsPath(org, userId), undefined, VerificationListSchema),

  "overlay.verification.get": async ({ userId, verificationId }, deps) =>
    authed(deps, "GET", (org) => `${verificationsPath(org, userId)}/${verificationId}`, undefined, VerificationSchema),

  "overlay.verification.cancel": async ({ userId, verificationId }, deps) => {
    // 204, no body.
    await authed(deps, "DELETE", (org) => `${verificationsPath(org, userId)}/${verificationId}`, undefined, z.null());
    return {};
  },

  "options.open": async (_payload, deps) => {
    await deps.openOptionsPage();
    return {};
  },

  "settings.get": async () => readSettings(),

  "settings.save": async (settings, deps) => {
    if (!(await deps.hasOriginPermission(settings.workerUrl))) {
      throw extensionFailure("permission_missing", `the extension may not reach ${settings.workerUrl}: allow it when the browser asks`);
    }
    const before = await readSettings();
    // A session belongs to one worker and organization: changing either signs out.
    if (before === null || before.workerUrl !== settings.workerUrl || before.orgId !== settings.orgId) await clearSession();
    await writeSettings(settings);
    return settings;
  },

  "auth.signIn": async (_payload, deps) => {
    const settings = await requireSettings(deps);
    const session = await signIn({ ...deps, settings });
    await writeSession(session);
    return sessionView(session);
  },

  "auth.signOut": async (_payload, deps) => {
    const session = await readSession(now(deps));
    await clearSession();
    if (session) {
      // Revoke it at the worker too; the local copy is gone whatever the worker says.
      await callWorker({ workerUrl: session.workerUrl, token: session.token, method: "POST", path: "/api/logout", fetchImpl: deps.fetchImpl }).catch(
        () => undefined,
      );
    }
    return {};
  },

  "worker.health": async (_payload, deps) => {
    const settings = await requireSettings(deps);
    const started = performance.now();
    try {
      const answer = await callWorker({ workerUrl: settings.workerUrl, token: null, method: "GET", path: "/health", fetchImpl: deps.fetchImpl });
      return { reachable: true, status: answer.status, latencyMs: Math.round(performance.now() - started) };
    } catch {
      return { reachable: false, status: null, latencyMs: null };
    }
  },

  "api.call": async ({ method, path, body }, deps) => {
    const session = await requireSession(deps);
    const answer = await callWorker({ workerUrl: session.workerUrl, token: session.token, method, path, body, fetchImpl: deps.fetchImpl });
    await forgetDeadSession(answer);
    return answer;
  },
};

/** The worker's path of an Okta user; both IDs were validated (the user's by the protocol's schema). */
function userPath(orgId: string, userId: string): string {
  return `/api/orgs/${orgId}/okta/users/${userId}`;
}

function verificationsPath(orgId: string, userId: string): string {
  return `${userPath(orgId, userId)}/verifications`;
}

/** The timeline's query string from the validated request fields only (`sources` as the worker's comma list). */
function timelineQuery(query: Omit<RequestOf<"overlay.timeline">, "userId">): string {
  const params = new URLSearchParams();
  if (query.sources) params.set("sources", query.sources.join(","));
  for (const key of ["since", "until", "after"] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, value);
  }
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

/** A gated action's JSON body: only the proof the caller gave (nothing else of the message reaches the worker). */
function proofBody({ verificationId, overrideReason }: RecoveryProof): RecoveryProof | undefined {
  if (verificationId !== undefined) return { verificationId };
  if (overrideReason !== undefined) return { overrideReason };
  return undefined;
}

function now(deps: BackgroundDeps): number {
  return deps.nowMs?.() ?? Date.now();
}

async function requireSettings(deps: BackgroundDeps): Promise<Settings> {
  const settings = await readSettings();
  if (settings === null) throw extensionFailure("not_configured", "set the worker URL and organization in the extension's options");
  if (!(await deps.hasOriginPermission(settings.workerUrl))) {
    throw extensionFailure("permission_missing", `the extension may not reach ${settings.workerUrl}: save the options again to allow it`);
  }
  return settings;
}

/**
 * The stored session, if it belongs to these settings' worker and organization: a token is never sent to a worker
 * or for an organization other than the one it was issued by.
 */
async function sessionFor(settings: Settings, deps: BackgroundDeps): Promise<StoredSession | null> {
  const session = await readSession(now(deps));
  return session !== null && session.workerUrl === settings.workerUrl && session.orgId === settings.orgId ? session : null;
}

async function requireSession(deps: BackgroundDeps): Promise<StoredSession> {
  const settings = await requireSettings(deps);
  const session = await sessionFor(settings, deps);
  if (session === null) throw extensionFailure("not_signed_in", `sign in to ${settings.orgId} in the extension's options`);
  return session;
}

/** One authenticated worker call whose success must match `schema`. */
async function authed<S extends z.ZodType>(
  deps: BackgroundDeps,
  method: string,
  path: (orgId: string) => string,
  body: unknown,
  schema: S,
): Promise<z.infer<S>> {
  const session = await requireSession(deps);
  const answer = await callWorker({ workerUrl: session.workerUrl, token: session.token, method, path: path(session.orgId), body, fetchImpl: deps.fetchImpl });
  await forgetDeadSession(answer);
  return expectOk(answer, schema);
}

async function forgetDeadSession(answer: WorkerAnswer): Promise<void> {
  const code = (answer.body as { error?: { code?: unknown } } | null)?.error?.code;
  if ((answer.status === 401 || answer.status === 403) && typeof code === "string" && DEAD_SESSION_CODES.has(code)) await clearSession();
}
