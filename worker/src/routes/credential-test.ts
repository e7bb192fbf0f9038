import { Hono } from "hono";
import type { CapabilityReport } from "../../../shared/capability";
import { actorOf } from "../auth/actor";
import { requireOrgRole } from "../auth/require-role";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import type { HonoEnv } from "../http/context";
import { loadOrg } from "./load-org";

/** "Test": what the credential can do in Okta, operation by operation, with the fix for each gap (admin). */
export const credentialTestRoutes = new Hono<HonoEnv>().post("/api/orgs/:org/credentials/:id/test", async (c) => {
  const principal = requireOrgRole(c, c.req.param("org"), "admin");
  const { settings } = await loadOrg(c, c.req.param("org"));
  const credentialId = c.req.param("id");
  // The probes run in the organization's gate, with its tokens and rate-limit book, like every Okta call.
  const report = unwrap(await gateOf(c.get("env"), settings.id).testCredential(settings.id, actorOf(principal), credentialId, c.get("nowMs")));
  return c.json({ credentialId, ...report } satisfies CapabilityReport);
});
