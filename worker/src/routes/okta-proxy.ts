import { Hono } from "hono";
import { AppError } from "../../../shared/errors";
import { LifecycleActionSchema } from "../../../shared/okta-actions";
import {
  LifecycleBodySchema,
  OktaIdSchema,
  OktaUserRefSchema,
  TemporaryAccessCodeBodySchema,
  UpdateUserBodySchema,
  UserSearchQuerySchema,
} from "../../../shared/okta-proxy";
import { actorOf } from "../auth/actor";
import { requirePrincipal } from "../auth/require-role";
import type { AppContext, HonoEnv } from "../http/context";
import { parseParam, readJson } from "../http/read-json";
import { allowedActions } from "../okta/allowed-actions";
import { callOkta } from "../okta/call-okta";
import { ambientFor } from "../okta/open-connection";
import { nextCursor } from "../okta/pagination";
import { runAudited } from "./run-audited";
import { tagCaseAfterAction } from "./tag-case-after-action";

const ambient = (c: AppContext) => ambientFor(c.get("env"));

/** A lifecycle POST may have no body at all; when it has one it must be a valid JSON object. */
async function optionalJson<T>(c: AppContext, read: () => Promise<T>, empty: T): Promise<T> {
  const length = c.req.header("content-length");
  if ((length === undefined || length === "0") && !c.req.header("content-type")) return empty;
  if (length === "0") return empty;
  return read();
}

/** Okta user routes, each a catalogued action: role-gated, audited, Okta's errors relayed (see runAudited). */
export const oktaProxyRoutes = new Hono<HonoEnv>()
  .get("/api/orgs/:org/okta/users", async (c) => {
    const result = await runAudited(c, "search", null, async (connection) => {
      const input = parseParam(UserSearchQuerySchema, c.req.query());
      const query = new URLSearchParams();
      if (input.email !== undefined) query.set("search", `profile.email eq "${input.email}"`);
      if (input.search !== undefined) query.set("search", input.search);
      if (input.filter !== undefined) query.set("filter", input.filter);
      if (input.q !== undefined) query.set("q", input.q);
      if (input.after !== undefined) query.set("after", input.after);
      query.set("limit", String(input.limit ?? 50));
      const response = await callOkta(connection, "search", { query }, ambient(c));
      return { users: response.body, next: nextCursor(response.headers.get("link")), oktaRequestId: response.requestId };
    });
    return c.json(result);
  })
  .get("/api/orgs/:org/okta/users/:userId", async (c) => {
    const userId = c.req.param("userId");
    const result = await runAudited(c, "retrieve", userId, async (connection) => {
      const response = await callOkta(connection, "retrieve", { params: { userId: parseParam(OktaUserRefSchema, userId) } }, ambient(c));
      const { role } = actorOf(requirePrincipal(c));
      return { user: response.body, allowedActions: allowedActions(response.body, role), oktaRequestId: response.requestId };
    });
    return c.json(result);
  })
  /** Okta's partial update (POST), never a PUT: a PUT would null every field not sent. */
  .post("/api/orgs/:org/okta/users/:userId", async (c) => {
    const userId = c.req.param("userId");
    const result = await runAudited(c, "update", userId, async (connection) => {
      const body = await readJson(c, UpdateUserBodySchema);
      const response = await callOkta(connection, "update", { params: { userId: parseParam(OktaUserRefSchema, userId) }, body }, ambient(c));
      return { user: response.body, oktaRequestId: response.requestId };
    });
    return c.json(result);
  })
  .get("/api/orgs/:org/okta/users/:userId/groups", async (c) => {
    const userId = c.req.param("userId");
    const result = await runAudited(c, "list_groups", userId, async (connection) => {
      const response = await callOkta(connection, "list_groups", { params: { userId: parseParam(OktaUserRefSchema, userId) } }, ambient(c));
      return { groups: response.body, oktaRequestId: response.requestId };
    });
    return c.json(result);
  })
  .post("/api/orgs/:org/okta/users/:userId/lifecycle/:action", async (c) => {
    const userId = c.req.param("userId");
    const parsedAction = LifecycleActionSchema.safeParse(c.req.param("action"));
    if (!parsedAction.success) {
      requirePrincipal(c);
      throw new AppError("route_not_found", "no such lifecycle action");
    }
    const action = parsedAction.data;
    const result = await runAudited(c, action, userId, async (connection) => {
      const body = await optionalJson(c, () => readJson(c, LifecycleBodySchema), {});
      const query = new URLSearchParams();
      if (body.sendEmail !== undefined && (action === "activate" || action === "deactivate" || action === "reactivate")) {
        query.set("sendEmail", String(body.sendEmail));
      }
      const response = await callOkta(connection, action, { params: { userId: parseParam(OktaUserRefSchema, userId) }, query }, ambient(c));
      return { ok: true, action, result: response.body ?? {}, oktaRequestId: response.requestId };
    });
    tagCaseAfterAction(c, userId, action); // best effort, after the response: org setting tagCasesAfterActions
    return c.json(result);
  })
  .get("/api/orgs/:org/okta/authenticators", async (c) => {
    const result = await runAudited(c, "list_authenticators", null, async (connection) => {
      const response = await callOkta(connection, "list_authenticators", {}, ambient(c));
      return { authenticators: response.body, oktaRequestId: response.requestId };
    });
    return c.json(result);
  })
  .get("/api/orgs/:org/okta/authenticators/:authenticatorId", async (c) => {
    const result = await runAudited(c, "get_authenticator", null, async (connection) => {
      const authenticatorId = parseParam(OktaIdSchema, c.req.param("authenticatorId"));
      const response = await callOkta(connection, "get_authenticator", { params: { authenticatorId } }, ambient(c));
      return { authenticator: response.body, oktaRequestId: response.requestId };
    });
    return c.json(result);
  })
  /**
   * Issues a temporary access code: finds the org's `tac` authenticator itself, then creates the enrollment. The
   * code goes to this caller once (no-store) and nowhere else: not to the audit, not to a log.
   */
  .post("/api/orgs/:org/okta/users/:userId/temporary-access-code", async (c) => {
    const userId = c.req.param("userId");
    const result = await runAudited(c, "temporary_access_code", userId, async (connection) => {
      // Validate everything first, so a malformed request costs no Okta call.
      const targetId = parseParam(OktaIdSchema, userId);
      const body = await optionalJson(c, () => readJson(c, TemporaryAccessCodeBodySchema), {});
      const listed = await callOkta(connection, "list_authenticators", {}, ambient(c));
      const tac = Array.isArray(listed.body) ? listed.body.find((item) => typeof item === "object" && item !== null && item.key === "tac") : undefined;
      if (!tac || typeof tac.id !== "string") {
        throw new AppError("okta_not_found", "this Okta org has no Temporary Access Code authenticator (Security > Authenticators)");
      }
      const profile: Record<string, unknown> = {};
      if (body.ttlMinutes !== undefined) profile.ttl = String(body.ttlMinutes);
      if (body.multiUse !== undefined) profile.multiUse = body.multiUse;
      const response = await callOkta(
        connection,
        "temporary_access_code",
        { params: { userId: targetId }, body: { authenticatorId: tac.id, profile } },
        ambient(c),
      );
      const enrollment = (response.body ?? {}) as { id?: string; profile?: { tac?: string; expiresAt?: string; multiUse?: boolean } };
      return {
        code: enrollment.profile?.tac ?? null,
        expiresAt: enrollment.profile?.expiresAt ?? null,
        multiUse: enrollment.profile?.multiUse ?? false,
        enrollmentId: enrollment.id ?? null,
        oktaRequestId: response.requestId,
      };
    });
    c.header("cache-control", "no-store");
    return c.json(result);
  });
