/**
 * The Management API operations of docs/okta.md §1.1 under `<orgUrl>/api/v1/…`: authentication and authorization
 * (api-auth.ts), then the handler. Users are found by id, login or unambiguous login shortname (the TAC operation
 * takes an id only); an unknown user is 404 E0000007. An operation that changes something appends its System Log
 * event (log-operation-events.ts); `GET /api/v1/logs` reads the log (log-query.ts).
 */
import { authenticate, authorize, type Principal } from "./api-auth";
import { createTacEnrollment, renderAuthenticator } from "./authenticators";
import { E, OktaApiError } from "./errors";
import { renderGroup } from "./groups";
import type { FakeResponse } from "./http";
import { LIFECYCLE_OPERATIONS, type LifecycleOperation, runLifecycle, settle } from "./lifecycle";
import {
  type ApiCaller,
  CLEAR_SESSIONS_EVENT,
  LIFECYCLE_EVENTS,
  recordApiEvents,
  TAC_EVENT,
  UPDATE_PASSWORD_EVENT,
  UPDATE_PROFILE_EVENT,
  userTarget,
} from "./log-operation-events";
import { listLogEvents } from "./log-query";
import { matchOperation, type OperationSpec } from "./operations";
import type { ApiRequestLog, Org } from "./org";
import { limitParam, linkHeaders, pageOf } from "./pagination";
import { compileUserQuery } from "./search";
import { parseOktaResponse, type RenderOptions, renderUser, type UserRecord } from "./users";

export interface ApiRequest {
  method: string;
  /** Raw path under the org, e.g. `/api/v1/users/ada%40acme.test`. */
  path: string;
  query: URLSearchParams;
  /** The raw query string (for `Link: rel="self"`). */
  search: string;
  headers: { authorization?: string; contentType?: string; dpop: string[] };
  body: string;
  requestId: string;
  /** The caller's address and user agent, for the System Log events an operation writes. */
  clientIp?: string;
  userAgent?: string;
}

interface Context {
  org: Org;
  request: ApiRequest;
  params: Record<string, string>;
  nowMs: number;
  principal: Principal;
}

/** Records a request that reached the org's Management API (also those a fault or the rate limit answers). */
export function startApiLog(org: Org, request: ApiRequest, nowMs: number): ApiRequestLog {
  const log: ApiRequestLog = {
    atMs: nowMs,
    requestId: request.requestId,
    method: request.method,
    path: request.path,
    query: request.search,
    authScheme: /^(\S+)/.exec(request.headers.authorization?.trim() ?? "")?.[1] ?? null,
    dpopProof: request.headers.dpop.length > 0,
    status: 0,
  };
  org.apiRequests.push(log);
  return log;
}

export async function handleApiRequest(org: Org, request: ApiRequest, nowMs: number, log: ApiRequestLog): Promise<FakeResponse> {
  let response: FakeResponse;
  try {
    const route = matchOperation(request.method, request.path);
    const operation = route.kind === "operation" ? route.operation : undefined;
    if (operation) log.operationId = operation.operationId;
    const principal = await authenticate(
      org,
      { authorization: request.headers.authorization, dpopHeaders: request.headers.dpop, method: request.method, path: request.path, nowMs },
      operation,
    );
    if (principal.kind === "oauth") log.clientId = principal.token.clientId;
    if (route.kind === "not-found") throw E.pathNotFound();
    if (route.kind === "method-not-allowed") throw E.methodNotAllowed();
    authorize(org, principal, route.operation, request.path);
    response = run(route.operation, { org, request, params: route.params, nowMs, principal });
  } catch (error) {
    if (!(error instanceof OktaApiError)) throw error;
    response = error.toResponse();
  }
  log.status = response.status;
  return response;
}

function run(operation: OperationSpec, ctx: Context): FakeResponse {
  switch (operation.operationId) {
    case "listUsers":
      return listUsers(ctx);
    case "getUser":
      return getUser(ctx);
    case "updateUser":
      return updateUser(ctx);
    case "listUserGroups":
      return listUserGroups(ctx);
    case "listAuthenticators":
      return ok(ctx.org.authenticators.map((authenticator) => renderAuthenticator(authenticator, ctx.org.orgUrl)));
    case "getAuthenticator": {
      const id = ctx.params.authenticatorId!;
      const authenticator = ctx.org.authenticators.find((candidate) => candidate.id === id);
      if (!authenticator) throw E.notFound(`Resource not found: ${id} (Authenticator)`);
      return ok(renderAuthenticator(authenticator, ctx.org.orgUrl));
    }
    case "createTacAuthenticatorEnrollment":
      return createTac(ctx);
    case "listLogEvents":
      return listLogEvents(ctx.org, ctx.request, ctx.nowMs);
    case "revokeUserSessions":
      return revokeSessions(ctx);
    default: {
      const action = operation.path.split("/").pop() as LifecycleOperation;
      if (!LIFECYCLE_OPERATIONS.includes(action)) throw E.internal();
      return lifecycle(ctx, action);
    }
  }
}

const ok = (body: unknown, headers: Record<string, string | string[]> = {}): FakeResponse => ({ status: 200, body, headers });

const callerOf = (ctx: Context): ApiCaller => ({ principal: ctx.principal, nowMs: ctx.nowMs, ...ctx.request });

function requireUser(ctx: Context, ref: string): UserRecord {
  // Logins that contain `/` only work by id (docs/okta.md §1.1).
  const user = ref.includes("/") ? undefined : ctx.org.resolveUser(ref, ctx.nowMs);
  if (!user) throw E.userNotFound(ref);
  return user;
}

function renderOptions(ctx: Context, links: RenderOptions["links"]): RenderOptions {
  return { links, ...parseOktaResponse(ctx.request.headers.contentType), expandBlocks: ctx.request.query.get("expand") === "blocks" };
}

function getUser(ctx: Context): FakeResponse {
  const user = requireUser(ctx, ctx.params.id!);
  return ok(renderUser(user, ctx.org.orgUrl, renderOptions(ctx, "full")));
}

function listUserGroups(ctx: Context): FakeResponse {
  const user = requireUser(ctx, ctx.params.id!);
  const groups = [ctx.org.groups.everyone, ...user.groupIds.map((id) => ctx.org.groups.get(id)).filter((group) => group !== undefined)];
  return ok(groups.map((group) => renderGroup(group, ctx.org.orgUrl)));
}

function lifecycle(ctx: Context, action: LifecycleOperation): FakeResponse {
  const user = requireUser(ctx, ctx.params.id!);
  const before = renderUser(user, ctx.org.orgUrl, { links: "self" });
  const body = runLifecycle(user, action, ctx.request.query, {
    orgUrl: ctx.org.orgUrl,
    nowMs: ctx.nowMs,
    transitionDelayMs: ctx.org.options.transitionDelayMs,
    resetFactorsWithoutFactors: ctx.org.options.resetFactorsWithoutFactors,
  });
  ctx.org.noteChanged(user.id, before, ctx.nowMs);
  recordApiEvents(ctx.org, callerOf(ctx), [{ kind: LIFECYCLE_EVENTS[action], target: [userTarget(user)] }]);
  return ok(body);
}

function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw E.malformedBody();
  }
}

function createTac(ctx: Context): FakeResponse {
  const id = ctx.params.userId!;
  const user = ctx.org.users.get(id); // an id only, not a login
  if (!user) throw E.userNotFound(id);
  settle(user, ctx.nowMs);
  if (user.status === "DEPROVISIONED") throw E.wrongStatus();
  const body = parseJsonBody(ctx.request.body);
  const before = renderUser(user, ctx.org.orgUrl, { links: "self" });
  const enrollment = createTacEnrollment(user, body, ctx.org.authenticators, ctx.org.orgUrl, ctx.nowMs);
  ctx.org.noteChanged(user.id, before, ctx.nowMs);
  const enrollmentTarget = { id: String(enrollment.id), type: "AuthenticatorEnrollment", alternateId: "unknown", displayName: "Temporary Access Code" };
  recordApiEvents(ctx.org, callerOf(ctx), [{ kind: TAC_EVENT, target: [userTarget(user), enrollmentTarget] }]);
  return ok(enrollment);
}

/**
 * `DELETE /api/v1/users/{userId}/sessions` (an id only, like the spec's `pathUserId`): 204 in any status.
 * `oauthTokens` (default false) and `forgetDevices` (default true) are recorded on the user.
 */
function revokeSessions(ctx: Context): FakeResponse {
  const id = ctx.params.userId!;
  const user = ctx.org.users.get(id);
  if (!user) throw E.userNotFound(id);
  const flag = (name: string, fallback: boolean) => {
    const value = ctx.request.query.get(name);
    if (value === null) return fallback;
    if (!/^(true|false)$/i.test(value)) throw E.validation(name, [`${name}: The value must be a boolean.`]);
    return value.toLowerCase() === "true";
  };
  const oauthTokens = flag("oauthTokens", false);
  const forgetDevices = flag("forgetDevices", true);
  user.sessionsRevoked = { at: new Date(ctx.nowMs).toISOString(), oauthTokens, forgetDevices };
  recordApiEvents(ctx.org, callerOf(ctx), [{ kind: CLEAR_SESSIONS_EVENT, target: [userTarget(user)] }]);
  return { status: 204 };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Partial update (POST): profile fields are merged; `credentials.password.value` is accepted and never echoed. */
function updateUser(ctx: Context): FakeResponse {
  const user = requireUser(ctx, ctx.params.id!);
  if (user.transitioningToStatus === "ACTIVE") throw E.stillActivating();
  if (user.status === "DEPROVISIONED" && !ctx.org.options.editDeactivatedUserProfiles) throw E.wrongStatus();
  const body = parseJsonBody(ctx.request.body);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw E.malformedBody();
  const { profile, credentials, type } = body as { profile?: unknown; credentials?: unknown; type?: unknown };

  if (type !== undefined && (typeof type !== "object" || type === null || (type as { id?: unknown }).id !== user.typeId)) {
    throw E.validation("type", ["type: The user type can only be changed with a full replacement (PUT)"]);
  }
  let nextProfile = user.profile;
  if (profile !== undefined) {
    if (typeof profile !== "object" || profile === null || Array.isArray(profile)) throw E.validation("profile", ["profile: Invalid value"]);
    nextProfile = { ...user.profile, ...(profile as Record<string, unknown>) };
    validateProfile(ctx, user, nextProfile);
  }
  let password: string | undefined;
  let recovery: { question: string; answer: string } | undefined;
  if (credentials !== undefined) {
    if (typeof credentials !== "object" || credentials === null) throw E.validation("credentials", ["credentials: Invalid value"]);
    const { password: pw, recovery_question: rq } = credentials as {
      password?: { value?: unknown };
      recovery_question?: { question?: unknown; answer?: unknown };
    };
    if (pw !== undefined) {
      if (typeof pw?.value !== "string" || pw.value === "") throw E.validation("password", ["password: The field cannot be left blank"]);
      password = pw.value;
    }
    if (rq !== undefined) {
      if (typeof rq?.question !== "string" || typeof rq.answer !== "string" || rq.answer.length < 4) {
        throw E.validation("recovery_question", ["recovery_question: The security question answer must be at least 4 characters in length"]);
      }
      recovery = { question: rq.question, answer: rq.answer };
    }
  }

  const before = renderUser(user, ctx.org.orgUrl, { links: "self" });
  const nowIso = new Date(ctx.nowMs).toISOString();
  user.profile = nextProfile;
  if (password !== undefined) {
    user.hasPassword = true;
    user.passwordValue = password;
    user.passwordChanged = nowIso;
  }
  if (recovery) user.recoveryQuestion = recovery.question;
  user.lastUpdated = nowIso;
  ctx.org.noteChanged(user.id, before, ctx.nowMs);
  recordApiEvents(ctx.org, callerOf(ctx), [
    ...(profile !== undefined || recovery !== undefined ? [{ kind: UPDATE_PROFILE_EVENT, target: [userTarget(user)] }] : []),
    ...(password !== undefined ? [{ kind: UPDATE_PASSWORD_EVENT, target: [userTarget(user)] }] : []),
  ]);
  return ok(renderUser(user, ctx.org.orgUrl, { links: "full" }));
}

function validateProfile(ctx: Context, user: UserRecord, profile: Record<string, unknown>): void {
  const causes: { field: string; summary: string }[] = [];
  const login = profile.login;
  if (typeof login !== "string" || login.trim() === "") causes.push({ field: "login", summary: "login: The field cannot be left blank" });
  else if (!EMAIL.test(login) || login.length < 5 || login.length > 100)
    causes.push({ field: "login", summary: "login: Username must be in the form of an email address" });
  else {
    const other = ctx.org.users.findByLogin(login);
    if (other && other.id !== user.id) causes.push({ field: "login", summary: "login: An object with this field already exists in the current organization" });
  }
  const email = profile.email;
  if (typeof email !== "string" || email.trim() === "") causes.push({ field: "email", summary: "email: The field cannot be left blank" });
  else if (!EMAIL.test(email) || email.length > 100) causes.push({ field: "email", summary: "email: Does not match required pattern" });
  for (const field of ["firstName", "lastName"]) {
    const value = profile[field];
    if (typeof value !== "string" || value.trim() === "") causes.push({ field, summary: `${field}: The field cannot be left blank` });
    else if (value.length > 50) causes.push({ field, summary: `${field}: The field is too long` });
  }
  if (causes.length > 0)
    throw E.validation(
      causes[0]!.field,
      causes.map((cause) => cause.summary),
    );
}

/**
 * `GET /api/v1/users`: `search` (eventually consistent, includes DEPROVISIONED, `sortBy`/`sortOrder`), `filter`
 * (includes DEPROVISIONED), `q` (prefix of first/last name or email, no DEPROVISIONED, limit 10, no paging), or
 * nothing (every user but DEPROVISIONED). `search` with `filter` is 400 E0000033.
 */
function listUsers(ctx: Context): FakeResponse {
  const { org, nowMs } = ctx;
  const query = ctx.request.query;
  const search = query.get("search");
  const filter = query.get("filter");
  const q = query.get("q");
  if (search !== null && filter !== null) throw E.searchAndFilter();
  const users = org.users.all();
  for (const user of users) settle(user, nowMs);

  type Row = { user: UserRecord; json: Record<string, unknown> };
  const current = (user: UserRecord): Row => ({ user, json: renderUser(user, org.orgUrl, { links: "self" }) });
  let rows: Row[];
  let compare = (a: Row, b: Row) => a.user.seq - b.user.seq;
  let paged = true;
  if (search !== null) {
    const matches = compileUserQuery(search, "search");
    rows = users.flatMap((user) => {
      const json = org.searchView(user, nowMs);
      return json !== null && matches(json) ? [{ user, json }] : [];
    });
    const sortBy = query.get("sortBy");
    if (sortBy !== null) {
      const direction = query.get("sortOrder")?.toLowerCase() === "desc" ? -1 : 1;
      const keyOf = (row: Row) =>
        String(sortBy.split(".").reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], row.json) ?? "");
      compare = (a, b) => direction * (keyOf(a).localeCompare(keyOf(b)) || a.user.id.localeCompare(b.user.id));
    }
  } else if (filter !== null) {
    const matches = compileUserQuery(filter, "filter");
    rows = users.map(current).filter((row) => matches(row.json));
  } else if (q !== null) {
    const prefix = q.toLowerCase();
    const starts = (value: unknown) => typeof value === "string" && value.toLowerCase().startsWith(prefix);
    rows = users
      .filter((user) => user.status !== "DEPROVISIONED" && (starts(user.profile.firstName) || starts(user.profile.lastName) || starts(user.profile.email)))
      .map(current);
    paged = false;
  } else {
    rows = users.filter((user) => user.status !== "DEPROVISIONED").map(current);
  }
  rows.sort(compare);

  const limit = limitParam(query.get("limit"), q !== null && search === null && filter === null ? 10 : 200, 200);
  const after = paged ? query.get("after") : null;
  let isAfterCursor: ((row: Row) => boolean) | undefined;
  if (after !== null) {
    const cursorUser = org.users.get(after);
    if (!cursorUser) isAfterCursor = () => false;
    else {
      const cursorRow = rows.find((row) => row.user.id === after) ?? current(cursorUser);
      isAfterCursor = (row) => compare(row, cursorRow) > 0;
    }
  }
  const page = pageOf(rows, limit, (row) => row.user.id, isAfterCursor);
  const options = parseOktaResponse(ctx.request.headers.contentType);
  const items = page.items.map(({ json }) => {
    const copy = { ...json };
    if (options.omitCredentials) delete copy.credentials;
    if (options.omitTransitioningToStatus) delete copy.transitioningToStatus;
    return copy;
  });
  const requestUrl = new URL(`${org.orgUrl}${ctx.request.path}${ctx.request.search}`);
  return ok(items, { link: linkHeaders(requestUrl, paged ? page.nextAfter : undefined) });
}
