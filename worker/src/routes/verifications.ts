import { z } from "zod";
import { OktaIdSchema } from "../../../shared/ids";
import { CredentialQuerySchema } from "../../../shared/okta-proxy";
import { OrgIdSchema } from "../../../shared/orgs";
import {
  StartedVerificationSchema,
  StartVerificationBodySchema,
  VerificationIdSchema,
  VerificationListSchema,
  VerificationSchema,
} from "../../../shared/verification";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import type { AppContext } from "../http/context";
import { emptyBodyIsNone } from "../http/empty-body";
import { declare, declaredAs, json, jsonBody, routeGroup, unknownWhenMalformed } from "../http/openapi";
import { callerBeforeInput } from "./caller-before-input";
import { gateScope } from "./gate-scope";

const user = z.object({ org: OrgIdSchema, userId: OktaIdSchema });
const one = user.extend({ id: VerificationIdSchema });
const tags = ["Verified recovery"];
const path = "/api/orgs/{org}/okta/users/{userId}/verifications";
/** A malformed verification ID is the same 404 as an unknown one. */
/** The caller is checked by the gate, or, when the input was refused before the gate was called, at the edge. */
const scope = [gateScope, callerBeforeInput("operator")];
/** Starting one: an empty body (`curl -X POST`) is none. */
const starting = [...scope, emptyBodyIsNone];
const unknownVerification = unknownWhenMalformed({ id: ["verification_not_found", "no such verification for this user"] });

/** The gate and what every verification call hands it: the caller's claim (verified there) and the user. */
function scoped(c: AppContext, userId: string) {
  const scope = c.get("gate")!;
  scope.called = true;
  return { gate: gateOf(c.get("env"), scope.orgId), orgId: scope.orgId, request: { caller: scope.caller, userId, nowMs: c.get("nowMs") } };
}

/**
 * Verified recovery's verifications of one Okta user (operator and up; docs/verified-recovery.md), each answered
 * by the organization's gate in one call: start one (a Persona inquiry with a one-time link, shown in this answer
 * only), list them, read one (refreshed from Persona when no webhook moved it lately), cancel one.
 */
export const verificationRoutes = routeGroup()
  .openapi(
    declare({
      method: "post",
      path,
      middleware: starting,
      tags,
      request: { params: user, query: CredentialQuerySchema, body: jsonBody(StartVerificationBodySchema, false) },
      responses: { 201: json(StartedVerificationSchema, "Started: send the one-time link to the person over a channel you trust.") },
    }),
    async (c) => {
      const { userId } = c.req.valid("param");
      const { gate, orgId, request } = scoped(c, userId);
      const start = { ...request, for: c.req.valid("json").for ?? null, credentialId: c.req.valid("query").credentialId, requestId: c.get("requestId") };
      const started = declaredAs(StartedVerificationSchema, unwrap(await gate.startVerification(orgId, start)));
      c.header("cache-control", "no-store");
      return c.json(started, 201);
    },
  )
  .openapi(
    declare({
      method: "get",
      path,
      middleware: scope,
      tags,
      request: { params: user },
      responses: { 200: json(VerificationListSchema, "The user's verifications, newest first.") },
    }),
    async (c) => {
      const { gate, orgId, request } = scoped(c, c.req.valid("param").userId);
      const verifications = declaredAs(VerificationSchema.array(), unwrap(await gate.listVerifications(orgId, request)));
      c.header("cache-control", "no-store");
      return c.json({ verifications }, 200);
    },
  )
  .openapi(
    declare({
      method: "get",
      path: `${path}/{id}`,
      middleware: scope,
      tags,
      request: { params: one },
      responses: { 200: json(VerificationSchema, "The verification, as Persona last reported it.") },
    }),
    async (c) => {
      const { userId, id } = c.req.valid("param");
      const { gate, orgId, request } = scoped(c, userId);
      const verification = declaredAs(VerificationSchema, unwrap(await gate.getVerification(orgId, { ...request, id })));
      c.header("cache-control", "no-store");
      return c.json(verification, 200);
    },
    unknownVerification,
  )
  .openapi(
    declare({
      method: "delete",
      path: `${path}/{id}`,
      middleware: scope,
      tags,
      request: { params: one },
      responses: { 204: { description: "Cancelled: it allows nothing from now on." } },
    }),
    async (c) => {
      const { userId, id } = c.req.valid("param");
      const { gate, orgId, request } = scoped(c, userId);
      unwrap(await gate.cancelVerification(orgId, { ...request, id }));
      return c.body(null, 204);
    },
    unknownVerification,
  );
