/**
 * One request to an environment's API, in the order Persona's layers run (docs/persona.md §3.3):
 * 1. fault switches at the edge (`before`);
 * 2. authentication (`Authorization: Bearer <key>`; 401 otherwise, without rate-limit headers, never stored);
 * 3. the environment's rate limit (429, never stored);
 * 4. `Persona-Version` (a spec version, or absent for the key's own) and `Key-Inflection`;
 * 5. routing and the key's permissions;
 * 6. the idempotency layer for POSTs with an `Idempotency-Key`: replay, mismatch, or run and store;
 * 7. the operation (or a `during` fault in its place), then an `after` fault if one is set.
 * Every authenticated answer carries `Request-Id`, `Persona-Environment-Id`, `Persona-Organization-Id` and the
 * `RateLimit-*` headers; every request is logged for the control API.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { FakeResponse } from "../okta/http";
import { ACCOUNT_ROUTES } from "./api-accounts";
import { CASE_ROUTES } from "./api-cases";
import type { Route } from "./api-context";
import { INQUIRY_ROUTES } from "./api-inquiries";
import { INQUIRY_CREATE_ROUTES } from "./api-inquiry-create";
import { INQUIRY_LINK_ROUTES } from "./api-inquiry-links";
import type { Env, RequestLogEntry } from "./env";
import { P, PersonaError } from "./errors";
import { type FaultRule, gatewayPage } from "./faults";
import { fingerprint } from "./idempotency";
import { newRequestId } from "./ids";
import { INFLECTIONS, type Inflection, inflect, kebabKeys } from "./inflection";
import { rateLimitHeaders } from "./rate-limit";

/** `components/schemas/api-version` of the 2025-12-08 spec. */
export const API_VERSIONS = ["2025-12-08", "2025-10-27", "2023-01-05", "2022-09-01", "2021-08-18", "2021-07-05", "2021-02-21", "2020-05-18"] as const;

export const ROUTES: Route[] = [...ACCOUNT_ROUTES, ...CASE_ROUTES, ...INQUIRY_ROUTES, ...INQUIRY_CREATE_ROUTES, ...INQUIRY_LINK_ROUTES];

export interface ApiRequest {
  method: string;
  /** Under the base URL, e.g. `/cases`. */
  path: string;
  /** Origin-relative path of the request, for pagination links. */
  linkPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** What the server does: answer, or (a `hang` fault) never answer. */
export type ApiOutcome = { kind: "response"; response: FakeResponse } | { kind: "hang" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function handleApiRequest(env: Env, request: ApiRequest, nowMs: number): ApiOutcome {
  const requestId = newRequestId();
  const { method, path, headers } = request;
  const entry: RequestLogEntry = {
    atMs: nowMs,
    requestId,
    method,
    path,
    query: [...request.query],
    headers: loggedHeaders(headers),
    personaVersion: first(headers["persona-version"]) ?? null,
    idempotencyKey: first(headers["idempotency-key"]) ?? null,
    body: parseForLog(request.rawBody),
    status: 0,
  };
  env.requests.push(entry);
  const personaHeaders = (extra: Record<string, string>) => ({
    "Request-Id": requestId,
    "Persona-Environment-Id": env.environmentToken,
    "Persona-Organization-Id": env.organizationToken,
    ...extra,
  });
  const done = (response: FakeResponse, inflection: Inflection = "kebab"): ApiOutcome => {
    entry.status = response.status;
    const body = typeof response.body === "object" ? inflect(response.body, inflection) : response.body;
    return { kind: "response", response: { ...response, body } };
  };
  const fault = (rule: FaultRule, stage: string): ApiOutcome => {
    entry.fault = stage === "before" ? rule.kind : `${rule.kind} (${stage} the operation)`;
    if (rule.kind === "hang") return { kind: "hang" };
    return done(faultResponse(rule, env, nowMs, personaHeaders));
  };

  const before = env.faults.take(method, path, "before");
  if (before) return fault(before, "before");

  const key = /^Bearer\s+(\S+)\s*$/i.exec(first(headers.authorization) ?? "")?.[1];
  const apiKey = key === undefined ? undefined : env.apiKeys.get(key);
  if (apiKey === undefined) return done(P.unauthenticated().toResponse());

  const rate = env.limiter.take(nowMs);
  const authenticated = personaHeaders(rateLimitHeaders(rate));
  const answer = (response: FakeResponse, inflection?: Inflection) => done({ ...response, headers: { ...authenticated, ...response.headers } }, inflection);
  if (!rate.allowed) {
    entry.fault = "rate-limit";
    return answer(P.rateLimited(rate.limit, env.limiter.settings.windowSeconds).toResponse());
  }

  const version = first(headers["persona-version"]);
  if (version !== undefined && !(API_VERSIONS as readonly string[]).includes(version)) {
    return answer(P.badRequest(`Persona-Version ${version} is not a valid API version`).toResponse());
  }
  const inflectionHeader = first(headers["key-inflection"]);
  if (inflectionHeader !== undefined && !(INFLECTIONS as readonly string[]).includes(inflectionHeader)) {
    return answer(P.badRequest(`Key-Inflection must be one of ${INFLECTIONS.join(", ")}`).toResponse());
  }
  const inflection = (inflectionHeader as Inflection | undefined) ?? "kebab";

  const matched = match(method, path);
  if (matched === undefined) return answer(P.routeNotFound().toResponse(), inflection);
  const [route, params] = matched;
  entry.operationId = route.operationId;
  if (apiKey.permissions !== "all" && !apiKey.permissions.includes(route.permission)) {
    return answer(P.forbidden(`API key does not have the ${route.permission} permission`).toResponse(), inflection);
  }

  const idempotencyKey = method === "POST" ? first(headers["idempotency-key"]) : undefined;
  const print = idempotencyKey === undefined ? "" : fingerprint(method, path, request.query, request.rawBody);
  if (idempotencyKey !== undefined) {
    const stored = env.idempotency.lookup(idempotencyKey, print, nowMs, env.options.idempotencyTtlSeconds * 1000);
    if (stored.kind === "mismatch") {
      entry.idempotency = "mismatch";
      return answer(P.idempotencyMismatch().toResponse(), inflection);
    }
    if (stored.kind === "replay") {
      entry.idempotency = "replayed";
      return answer({ status: stored.answer.status, body: stored.answer.body }, inflection);
    }
  }

  const during = env.faults.take(method, path, "during");
  if (during?.kind === "hang") return fault(during, "during");
  const response = during ? faultResponse(during, env, nowMs, () => ({})) : run(env, route, params, request, nowMs);
  if (during) entry.fault = `${during.kind} (during the operation)`;
  if (idempotencyKey !== undefined) {
    env.idempotency.store(idempotencyKey, print, { method, path }, response, nowMs);
    entry.idempotency = "stored";
  }

  const after = env.faults.take(method, path, "after");
  if (after) return fault(after, "after");
  return answer(response, inflection);
}

function match(method: string, path: string): [Route, string[]] | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(path);
    if (!found) continue;
    try {
      return [route, found.slice(1).map((part) => decodeURIComponent(part))];
    } catch {
      return undefined; // a malformed percent-escape names no object
    }
  }
  return undefined;
}

function run(env: Env, route: Route, params: string[], request: ApiRequest, nowMs: number): FakeResponse {
  try {
    let body: unknown;
    if (request.rawBody.trim() !== "") {
      try {
        body = kebabKeys(JSON.parse(request.rawBody));
      } catch {
        throw P.badRequest("the request body is not valid JSON");
      }
    }
    return route.handle({ env, path: request.path, query: request.query, body, nowMs, linkPath: request.linkPath }, params);
  } catch (error) {
    if (error instanceof PersonaError) return error.toResponse();
    throw error;
  }
}

/** A fault's answer. Gateway kinds (502/503/504) default to an HTML page without Persona's headers. */
function faultResponse(rule: FaultRule, env: Env, nowMs: number, personaHeaders: (extra: Record<string, string>) => Record<string, string>): FakeResponse {
  const current = rateLimitHeaders(env.limiter.peek(nowMs));
  switch (rule.kind) {
    case "429": {
      const { limit, windowSeconds } = env.limiter.settings;
      return {
        ...P.rateLimited(limit, windowSeconds).toResponse(),
        headers: personaHeaders(rateLimitHeaders({ limit, remaining: 0, resetSeconds: rule.resetSeconds })),
      };
    }
    case "409":
      return { ...P.stale().toResponse(), headers: personaHeaders(current) };
    case "500":
      return { ...P.internal().toResponse(), headers: personaHeaders(current) };
    case "502":
    case "503":
    case "504": {
      const status = Number(rule.kind) as 502 | 503 | 504;
      if (rule.body === "html") return { status, body: gatewayPage(status), contentType: "text/html", bare: true };
      return { ...P.gateway(status).toResponse(), headers: personaHeaders(current) };
    }
    case "hang":
      throw new Error("a hang has no response");
  }
}

function loggedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    out[name] = name === "authorization" ? redact(text) : text;
  }
  return out;
}

/** `Bearer persona_sandbox_…abc123`: the scheme and the key's last 6 characters, enough to tell keys apart. */
function redact(authorization: string): string {
  const [scheme, credential] = authorization.includes(" ") ? authorization.split(/\s+/, 2) : ["", authorization];
  return `${scheme ? `${scheme} ` : ""}…${(credential ?? "").slice(-6)}`;
}

function parseForLog(rawBody: string): unknown {
  if (rawBody.trim() === "") return null;
  try {
    return JSON.parse(rawBody);
  } catch {
    return rawBody;
  }
}
