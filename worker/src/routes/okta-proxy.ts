import { Hono } from "hono";
import { AppError, isAppError } from "../../../shared/errors";
import { OktaIdSchema, OktaUserRefSchema } from "../../../shared/ids";
import { LifecycleActionSchema, type OktaAction } from "../../../shared/okta-actions";
import { LifecycleBodySchema, TemporaryAccessCodeBodySchema, UpdateUserBodySchema, UserSearchQuerySchema } from "../../../shared/okta-proxy";
import type { OktaOperation, OperationResult, RefusedOperation } from "../actions/okta-operations";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import type { AppContext, HonoEnv } from "../http/context";
import { parseParam, readJson } from "../http/read-json";
import { gateScope } from "./gate-scope";

/** A lifecycle POST may have no body at all; when it has one it must be a valid JSON object. */
async function optionalJson<T>(c: AppContext, read: () => Promise<T>, empty: T): Promise<T> {
  const length = c.req.header("content-length");
  if ((length === undefined || length === "0") && !c.req.header("content-type")) return empty;
  if (length === "0") return empty;
  return read();
}

/**
 * Validates the request into an operation, then makes the one call to the organization's gate, which checks the
 * caller and role, performs it and audits it. Input the edge refuses still goes to the gate, as a refused
 * operation: the caller is checked and the refusal audited like any other.
 */
async function act(
  c: AppContext,
  action: OktaAction,
  targetUserId: string | null,
  build: () => Promise<OktaOperation> | OktaOperation,
): Promise<OperationResult> {
  const scope = c.get("gate")!;
  let operation: OktaOperation | RefusedOperation;
  try {
    operation = await build();
  } catch (error) {
    if (!isAppError(error)) throw error;
    operation = { action, refused: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
  }
  const request = {
    caller: scope.caller,
    operation,
    targetUserId,
    credentialId: c.req.query("credentialId"),
    requestId: c.get("requestId"),
    nowMs: c.get("nowMs"),
  };
  return unwrap(await gateOf(c.get("env"), scope.orgId).act(scope.orgId, request));
}

const userRef = (userId: string) => parseParam(OktaUserRefSchema, userId);

/** Okta user routes, each a catalogued action: role-gated, audited, Okta's errors relayed (see OrgActions.act). */
export const oktaProxyRoutes = new Hono<HonoEnv>()
  .use("/api/orgs/:org/okta/users", gateScope)
  .use("/api/orgs/:org/okta/users/:userId", gateScope)
  .use("/api/orgs/:org/okta/users/:userId/groups", gateScope)
  .use("/api/orgs/:org/okta/users/:userId/lifecycle/:action", gateScope)
  .use("/api/orgs/:org/okta/users/:userId/temporary-access-code", gateScope)
  .use("/api/orgs/:org/okta/authenticators", gateScope)
  .use("/api/orgs/:org/okta/authenticators/:authenticatorId", gateScope)
  .get("/api/orgs/:org/okta/users", async (c) => {
    const result = await act(c, "search", null, () => {
      const input = parseParam(UserSearchQuerySchema, c.req.query());
      const query: Array<[string, string]> = [];
      if (input.email !== undefined) query.push(["search", `profile.email eq "${input.email}"`]);
      if (input.search !== undefined) query.push(["search", input.search]);
      if (input.filter !== undefined) query.push(["filter", input.filter]);
      if (input.q !== undefined) query.push(["q", input.q]);
      if (input.after !== undefined) query.push(["after", input.after]);
      query.push(["limit", String(input.limit ?? 50)]);
      // Later values win, as URLSearchParams.set did: `search` replaces the search an `email` built.
      return { action: "search", query: [...new Map(query)] };
    });
    return c.json(result);
  })
  .get("/api/orgs/:org/okta/users/:userId", async (c) => {
    const userId = c.req.param("userId");
    return c.json(await act(c, "retrieve", userId, () => ({ action: "retrieve", userId: userRef(userId) })));
  })
  /** Okta's partial update (POST), never a PUT: a PUT would null every field not sent. */
  .post("/api/orgs/:org/okta/users/:userId", async (c) => {
    const userId = c.req.param("userId");
    return c.json(await act(c, "update", userId, async () => ({ action: "update", body: await readJson(c, UpdateUserBodySchema), userId: userRef(userId) })));
  })
  .get("/api/orgs/:org/okta/users/:userId/groups", async (c) => {
    const userId = c.req.param("userId");
    return c.json(await act(c, "list_groups", userId, () => ({ action: "list_groups", userId: userRef(userId) })));
  })
  .post("/api/orgs/:org/okta/users/:userId/lifecycle/:action", async (c) => {
    const userId = c.req.param("userId");
    const parsedAction = LifecycleActionSchema.safeParse(c.req.param("action"));
    if (!parsedAction.success) throw new AppError("route_not_found", "no such lifecycle action");
    const action = parsedAction.data;
    const result = await act(c, action, userId, async () => {
      const body = await optionalJson(c, () => readJson(c, LifecycleBodySchema), {});
      const query: Array<[string, string]> = [];
      if (body.sendEmail !== undefined && (action === "activate" || action === "deactivate" || action === "reactivate")) {
        query.push(["sendEmail", String(body.sendEmail)]);
      }
      return { action, userId: userRef(userId), query };
    });
    return c.json(result);
  })
  .get("/api/orgs/:org/okta/authenticators", async (c) => {
    return c.json(await act(c, "list_authenticators", null, () => ({ action: "list_authenticators" })));
  })
  .get("/api/orgs/:org/okta/authenticators/:authenticatorId", async (c) => {
    const authenticatorId = c.req.param("authenticatorId");
    return c.json(await act(c, "get_authenticator", null, () => ({ action: "get_authenticator", authenticatorId: parseParam(OktaIdSchema, authenticatorId) })));
  })
  /**
   * Issues a temporary access code (the gate finds the org's `tac` authenticator, then creates the enrollment).
   * The code goes to this caller once (no-store) and nowhere else: not to the audit, not to a log.
   */
  .post("/api/orgs/:org/okta/users/:userId/temporary-access-code", async (c) => {
    const userId = c.req.param("userId");
    const result = await act(c, "temporary_access_code", userId, async () => {
      // Validate everything first, so a malformed request costs no Okta call.
      const targetId = parseParam(OktaIdSchema, userId);
      const body = await optionalJson(c, () => readJson(c, TemporaryAccessCodeBodySchema), {});
      return { action: "temporary_access_code", userId: targetId, ...body };
    });
    c.header("cache-control", "no-store");
    return c.json(result);
  });
