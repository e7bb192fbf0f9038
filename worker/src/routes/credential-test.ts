import { Hono } from "hono";
import type { CapabilityReport } from "../../../shared/capability";
import { unwrap } from "../gate/answer";
import type { HonoEnv } from "../http/context";
import { orgScope, servicesOf } from "./org-scope";

/** "Test": what the credential can do in Okta, operation by operation, with the fix for each gap (admin). */
export const credentialTestRoutes = new Hono<HonoEnv>()
  .use("/api/orgs/:org/credentials/:id/test", orgScope("admin"))
  .post("/api/orgs/:org/credentials/:id/test", async (c) => {
    const { gate, orgId, caller } = servicesOf(c);
    const credentialId = c.req.param("id");
    // The probes run in the organization's gate, with its tokens and rate-limit book, like every Okta call.
    const report = unwrap(await gate.testCredential(orgId, caller, credentialId, c.get("nowMs")));
    return c.json({ credentialId, ...report } satisfies CapabilityReport);
  });
