import { z } from "zod";
import { type CapabilityReport, CapabilityReportSchema } from "../../../shared/capability";
import { CredentialIdSchema } from "../../../shared/ids";
import { OrgIdSchema } from "../../../shared/orgs";
import { unwrap } from "../gate/answer";
import { declare, json, routeGroup, unknownWhenMalformed } from "../http/openapi";
import { orgScope, servicesOf } from "./org-scope";

const credential = z.object({ org: OrgIdSchema, id: CredentialIdSchema });
// The gate's own answer for an unknown credential (gate/credential-cache.ts): a malformed ID is no different.
const unknown = unknownWhenMalformed({ id: ["credential_not_found", "no such Okta credential in this organization"] });

/** "Test": what the credential can do in Okta, operation by operation, with the fix for each gap (admin). */
export const credentialTestRoutes = routeGroup().openapi(
  declare({
    method: "post",
    middleware: orgScope("admin"),
    path: "/api/orgs/{org}/credentials/{id}/test",
    tags: ["Okta credentials"],
    request: { params: credential },
    responses: { 200: json(CapabilityReportSchema, "What the credential can do in Okta, operation by operation, with the fix for each gap.") },
  }),
  async (c) => {
    const { gate, orgId, caller } = servicesOf(c);
    const credentialId = c.req.valid("param").id;
    // The probes run in the organization's gate, with its tokens and rate-limit book, like every Okta call.
    const report = unwrap(await gate.testCredential(orgId, caller, credentialId, c.get("nowMs")));
    return c.json({ credentialId, ...report } satisfies CapabilityReport, 200);
  },
  unknown,
);
