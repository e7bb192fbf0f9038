import { z } from "zod";
import { OktaIdSchema, OktaUserRefSchema } from "../../../shared/ids";
import { LifecycleActionSchema, type OktaAction } from "../../../shared/okta-actions";
import {
  AuthenticatorListSchema,
  AuthenticatorSchema,
  ClearSessionsBodySchema,
  ClearSessionsResultSchema,
  LifecycleBodySchema,
  LifecycleResultSchema,
  RetrievedUserSchema,
  TemporaryAccessCodeBodySchema,
  TemporaryAccessCodeSchema,
  UpdatedUserSchema,
  UpdateUserBodySchema,
  UserGroupsSchema,
  UserSearchQuerySchema,
  UserSearchResultSchema,
} from "../../../shared/okta-proxy";
import { OrgIdSchema } from "../../../shared/orgs";
import type { AppContext } from "../http/context";
import { emptyBodyIsNone } from "../http/empty-body";
import { declare, declaredAs, json, jsonBody, routeGroup, unknownWhenMalformed } from "../http/openapi";
import { actInGate, splitProof } from "./gate-act";
import { refusalsAudited } from "./gate-refusals";
import { gateScope } from "./gate-scope";

const org = z.object({ org: OrgIdSchema });
const user = org.extend({ userId: OktaUserRefSchema });
/** Actions that need the user's ID: a login (which Okta would also resolve) is refused. */
const userById = org.extend({ userId: OktaIdSchema });
const tags = ["Okta actions"];
/** Every route's scope: the caller's claim, verified by the gate in the action's own call (routes/gate-scope.ts). */
const gated = (action: OktaAction | ((c: AppContext) => OktaAction | null)) => [gateScope, refusalsAudited(action)];
const lifecycleAction = (c: AppContext) => LifecycleActionSchema.safeParse(c.req.param("action")).data ?? null;

/**
 * Okta user routes, each a catalogued action: role-gated, audited, Okta's errors relayed (see OrgActions.act).
 * The edge validates the request into an operation and makes the one gate call; input it refuses still reaches
 * the gate, as a refusal to audit (routes/gate-refusals.ts).
 */
export const oktaProxyRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      path: "/api/orgs/{org}/okta/users",
      middleware: gated("search"),
      tags,
      request: { params: org, query: UserSearchQuerySchema },
      responses: { 200: json(UserSearchResultSchema, "One page of Okta's users.") },
    }),
    async (c) => {
      const input = c.req.valid("query");
      const query: Array<[string, string]> = [];
      if (input.email !== undefined) query.push(["search", `profile.email eq "${input.email}"`]);
      if (input.search !== undefined) query.push(["search", input.search]);
      if (input.filter !== undefined) query.push(["filter", input.filter]);
      if (input.q !== undefined) query.push(["q", input.q]);
      if (input.after !== undefined) query.push(["after", input.after]);
      query.push(["limit", String(input.limit ?? 50)]);
      // Later values win, as URLSearchParams.set did: `search` replaces the search an `email` built.
      return c.json(declaredAs(UserSearchResultSchema, await actInGate(c, { action: "search", query: [...new Map(query)] }, null)), 200);
    },
  )
  .openapi(
    declare({
      method: "get",
      path: "/api/orgs/{org}/okta/users/{userId}",
      middleware: gated("retrieve"),
      tags,
      request: { params: user },
      responses: { 200: json(RetrievedUserSchema, "The user, and the actions its status allows the caller.") },
    }),
    async (c) => {
      const { userId } = c.req.valid("param");
      return c.json(declaredAs(RetrievedUserSchema, await actInGate(c, { action: "retrieve", userId }, userId)), 200);
    },
  )
  /** Okta's partial update (POST), never a PUT: a PUT would null every field not sent. */
  .openapi(
    declare({
      method: "post",
      path: "/api/orgs/{org}/okta/users/{userId}",
      middleware: gated("update"),
      tags,
      request: { params: user, body: jsonBody(UpdateUserBodySchema) },
      responses: { 200: json(UpdatedUserSchema, "The user as Okta updated it.") },
    }),
    async (c) => {
      const { userId } = c.req.valid("param");
      const { rest: body, proof } = splitProof(c.req.valid("json"));
      return c.json(declaredAs(UpdatedUserSchema, await actInGate(c, { action: "update", body, userId }, userId, proof)), 200);
    },
  )
  .openapi(
    declare({
      method: "get",
      path: "/api/orgs/{org}/okta/users/{userId}/groups",
      middleware: gated("list_groups"),
      tags,
      request: { params: user },
      responses: { 200: json(UserGroupsSchema, "The user's groups.") },
    }),
    async (c) => {
      const { userId } = c.req.valid("param");
      return c.json(declaredAs(UserGroupsSchema, await actInGate(c, { action: "list_groups", userId }, userId)), 200);
    },
  )
  .openapi(
    declare({
      method: "post",
      path: "/api/orgs/{org}/okta/users/{userId}/lifecycle/{action}",
      middleware: [...gated(lifecycleAction), emptyBodyIsNone],
      tags,
      request: { params: user.extend({ action: LifecycleActionSchema }), body: jsonBody(LifecycleBodySchema, false) },
      responses: { 200: json(LifecycleResultSchema, "Done; Okta's own answer.") },
    }),
    async (c) => {
      const { userId, action } = c.req.valid("param");
      const { rest: body, proof } = splitProof(c.req.valid("json"));
      const query: Array<[string, string]> = [];
      if (body.sendEmail !== undefined && (action === "activate" || action === "deactivate" || action === "reactivate")) {
        query.push(["sendEmail", String(body.sendEmail)]);
      }
      return c.json(declaredAs(LifecycleResultSchema, await actInGate(c, { action, userId, query }, userId, proof)), 200);
    },
    // An action the catalog does not have is not a route (404), and not an attempt to audit.
    unknownWhenMalformed({ action: ["route_not_found", "no such lifecycle action"] }),
  )
  .openapi(
    declare({
      method: "get",
      path: "/api/orgs/{org}/okta/authenticators",
      middleware: gated("list_authenticators"),
      tags,
      request: { params: org },
      responses: { 200: json(AuthenticatorListSchema, "The org's authenticators.") },
    }),
    async (c) => c.json(declaredAs(AuthenticatorListSchema, await actInGate(c, { action: "list_authenticators" }, null)), 200),
  )
  .openapi(
    declare({
      method: "get",
      path: "/api/orgs/{org}/okta/authenticators/{authenticatorId}",
      middleware: gated("get_authenticator"),
      tags,
      request: { params: org.extend({ authenticatorId: OktaIdSchema }) },
      responses: { 200: json(AuthenticatorSchema, "One authenticator.") },
    }),
    async (c) => {
      const { authenticatorId } = c.req.valid("param");
      return c.json(declaredAs(AuthenticatorSchema, await actInGate(c, { action: "get_authenticator", authenticatorId }, null)), 200);
    },
  )
  /**
   * Issues a temporary access code (the gate finds the org's `tac` authenticator, then creates the enrollment).
   * The code goes to this caller once (no-store) and nowhere else: not to the audit, not to a log.
   */
  .openapi(
    declare({
      method: "post",
      path: "/api/orgs/{org}/okta/users/{userId}/temporary-access-code",
      middleware: [...gated("temporary_access_code"), emptyBodyIsNone],
      tags,
      request: { params: userById, body: jsonBody(TemporaryAccessCodeBodySchema, false) },
      responses: { 200: json(TemporaryAccessCodeSchema, "The code, shown once.") },
    }),
    async (c) => {
      const { userId } = c.req.valid("param");
      const { rest, proof } = splitProof(c.req.valid("json"));
      const result = declaredAs(TemporaryAccessCodeSchema, await actInGate(c, { action: "temporary_access_code", userId, ...rest }, userId, proof));
      c.header("cache-control", "no-store");
      return c.json(result, 200);
    },
  )
  /** Ends every Okta session of the user (and by default revokes their OAuth tokens): the first move against a live attacker. */
  .openapi(
    declare({
      method: "post",
      path: "/api/orgs/{org}/okta/users/{userId}/sessions/clear",
      middleware: [...gated("clear_sessions"), emptyBodyIsNone],
      tags,
      request: { params: userById, body: jsonBody(ClearSessionsBodySchema, false) },
      responses: { 200: json(ClearSessionsResultSchema, "Every session of the user has ended.") },
    }),
    async (c) => {
      const { userId } = c.req.valid("param");
      const { rest, proof } = splitProof(c.req.valid("json"));
      const operation = { action: "clear_sessions" as const, userId, oauthTokens: rest.oauthTokens ?? true, forgetDevices: rest.forgetDevices ?? false };
      return c.json(declaredAs(ClearSessionsResultSchema, await actInGate(c, operation, userId, proof)), 200);
    },
  );
