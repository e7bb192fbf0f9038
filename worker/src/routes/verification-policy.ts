import { z } from "zod";
import { OrgIdSchema } from "../../../shared/orgs";
import { VerificationPolicyInputSchema, VerificationPolicyViewSchema } from "../../../shared/verification";
import { declare, json, jsonBody, routeGroup } from "../http/openapi";
import { orgScope, servicesOf } from "./org-scope";

const org = z.object({ org: OrgIdSchema });
const tags = ["Verified recovery"];
const admin = orgScope("admin");
const path = "/api/orgs/{org}/verification";

/**
 * The organization's verified-recovery policy (admin only, audited; org/verification-policy.ts): the Persona
 * template, the passing outcomes, the link and validity times, the actions that wait for a verification, and the
 * Okta-to-Persona field map.
 */
export const verificationPolicyRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      middleware: admin,
      path,
      tags,
      request: { params: org },
      responses: { 200: json(VerificationPolicyViewSchema, "The policy, or `configured: false`.") },
    }),
    async (c) => c.json(await servicesOf(c).verification.view(), 200),
  )
  .openapi(
    declare({
      method: "put",
      middleware: admin,
      path,
      tags,
      request: { params: org, body: jsonBody(VerificationPolicyInputSchema) },
      responses: { 200: json(VerificationPolicyViewSchema, "The policy as stored, defaults filled in.") },
    }),
    async (c) => c.json(await servicesOf(c).verification.set(c.req.valid("json")), 200),
  )
  .openapi(
    declare({
      method: "delete",
      middleware: admin,
      path,
      tags,
      request: { params: org },
      responses: { 204: { description: "No policy: no action waits for a verification." } },
    }),
    async (c) => {
      await servicesOf(c).verification.remove();
      return c.body(null, 204);
    },
  );
