import { createRoute, OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import type { ErrorHandler } from "hono";
import { createMiddleware } from "hono/factory";
import type { z } from "zod";
import { SCIM_ERROR, SCIM_MEDIA_TYPE, type ScimError, ScimErrorSchema } from "../../../shared/scim";
import { parseScimToken } from "../auth/scim-token";
import { checkAnswer } from "../http/answer-check";
import { type AppContext, baseUrl, type HonoEnv } from "../http/context";
import { appErrorOf } from "../http/errors";
import { orgRecordOnce } from "../http/org-record-once";
import { invalidValue, notFound, ScimFailure } from "../scim/failure";
import { scimBaseUrl } from "../scim/format";
import { ScimService } from "../scim/service";
import { orgStore } from "../storage/org-store-client";

/** The SCIM routes' context: the house's, plus the organization's SCIM service once the token was checked. */
export type ScimEnv = { Bindings: HonoEnv["Bindings"]; Variables: HonoEnv["Variables"] & { scim: ScimService } };

type Validation = { success: true } | { success: false; target: string; error: { issues: z.core.$ZodIssue[] } };

/** A request the schemas refuse answers SCIM's error body: a path names no resource (404), anything else is invalid. */
function refuse(result: Validation): undefined {
  if (result.success) return undefined;
  if (result.target === "param") throw notFound("no such resource");
  throw invalidValue(result.error.issues.map((issue) => `${issue.path.join(".") || result.target}: ${issue.message}`).join("; "));
}

/** A group of SCIM routes (their validation failures answer SCIM errors). */
export const scimGroup = () => new OpenAPIHono<ScimEnv>({ defaultHook: refuse });

const failure = { description: "SCIM's error body (RFC 7644 §3.12).", content: { [SCIM_MEDIA_TYPE]: { schema: ScimErrorSchema } } };

/** A SCIM answer entry: the body is `application/scim+json`. */
export const scim = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { [SCIM_MEDIA_TYPE]: { schema } } });

/** A SCIM request body (`application/json` is accepted too: the validator takes any `…+json`). */
export const scimBody = <S extends z.ZodType>(schema: S) => ({ required: true, content: { [SCIM_MEDIA_TYPE]: { schema } } });

/** Declares a SCIM route like http/openapi.ts `declare`, with SCIM's error body as its failure answer. */
export function declareScim<const R extends RouteConfig>(config: R) {
  const own = config.middleware === undefined ? [] : Array.isArray(config.middleware) ? config.middleware : [config.middleware];
  return createRoute({
    ...config,
    tags: ["SCIM"],
    responses: { ...config.responses, default: failure },
    middleware: [checkAnswer(config.responses), ...own],
  });
}

/** The headers of a SCIM answer: `c.json(body, status, SCIM_HEADERS)` keeps this type instead of `application/json`. */
export const SCIM_HEADERS = { "content-type": `${SCIM_MEDIA_TYPE}; charset=utf-8` };

const unauthorized = () => new ScimFailure(401, undefined, "a valid SCIM bearer token is required");

/**
 * The SCIM routes' only credential: `Authorization: Bearer <SCIM token of this organization>`. Session tokens,
 * cookies, API keys and the bootstrap credential are refused here (each has its own routes), and a SCIM token
 * is refused everywhere else (auth/credential-claim.ts reads no such token). The organization must exist (KV)
 * before its Durable Object is asked, so a made-up organization in a token creates nothing. Every refusal is the
 * same 401, whatever was wrong.
 */
export const scimScope = createMiddleware<ScimEnv>(async function scimScope(c, next) {
  const orgId = c.req.param("org") ?? "";
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer ([\x21-\x7e]{1,512})$/i.exec(header);
  const claim = match ? parseScimToken(match[1]!) : null;
  if (!claim || claim.orgId !== orgId) throw unauthorized();
  const org = await orgRecordOnce(c as unknown as AppContext, orgId);
  if (!org) throw unauthorized();
  const env = c.get("env");
  const store = orgStore(env, orgId);
  const tokenId = await store.resolveScimToken(claim.hash, c.get("nowMs"));
  if (!tokenId) throw unauthorized();
  c.set("scim", new ScimService(store, org, tokenId, c.get("nowMs"), scimBaseUrl(baseUrl(c as unknown as AppContext), orgId)));
  await next();
  // Answers name people: no cache (a shared proxy, the client's disk) keeps them.
  c.header("cache-control", "no-store");
});

/** The SCIM service {@link scimScope} put on the context. */
export function scimOf(c: { get(key: "scim"): ScimService | undefined }): ScimService {
  const service = c.get("scim");
  if (!service) throw new Error("SCIM route mounted without scimScope");
  return service;
}

/** What a thrown failure answers on a SCIM route: SCIM's error body with its status, never the house envelope. */
function scimFailureOf(error: unknown): ScimFailure | null {
  if (error instanceof ScimFailure) return error;
  const known = appErrorOf(error);
  if (!known) return null;
  if (known.code === "invalid_json") return new ScimFailure(400, "invalidSyntax", "the request body is not valid JSON");
  if (known.code === "payload_too_large") return new ScimFailure(413, undefined, "the request body is too large");
  if (known.status === 404) return notFound(known.message);
  if (known.status === 401) return unauthorized();
  if (known.status === 400) return new ScimFailure(400, "invalidSyntax", known.message);
  return null;
}

export const scimOnError: ErrorHandler<ScimEnv> = (error, c) => {
  const failure = scimFailureOf(error);
  const status = failure?.status ?? 500;
  if (!failure) {
    console.error(
      JSON.stringify({ level: "error", requestId: c.get("requestId"), error: error instanceof Error ? `${error.name}: ${error.message}` : "non-error thrown" }),
    );
  }
  const body: ScimError = {
    schemas: [SCIM_ERROR],
    status: String(status),
    ...(failure?.scimType ? { scimType: failure.scimType } : {}),
    detail: failure?.detail ?? "internal error",
  };
  if (status === 401) c.header("www-authenticate", 'Bearer realm="scim"');
  c.header("x-request-id", c.get("requestId"));
  return c.body(JSON.stringify(body), status as 400, { "content-type": `${SCIM_MEDIA_TYPE}; charset=utf-8` });
};
