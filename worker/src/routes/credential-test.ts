import { Hono } from "hono";
import type { CapabilityReport } from "../../../shared/capability";
import { AppError } from "../../../shared/errors";
import { actorOf } from "../auth/actor";
import { requireOrgRole } from "../auth/require-role";
import { requireKeyRing } from "../crypto/secret-box";
import type { HonoEnv } from "../http/context";
import { testCapabilities } from "../okta/capability-test";
import { ambientFor, connectionFor } from "../okta/open-connection";
import { getCredential } from "../storage/credentials";
import { orgStore } from "../storage/org-store-client";
import { loadOrg } from "./load-org";

/** "Test": what the credential can do in Okta, operation by operation, with the fix for each gap (admin). */
export const credentialTestRoutes = new Hono<HonoEnv>().post("/api/orgs/:org/credentials/:id/test", async (c) => {
  const principal = requireOrgRole(c, c.req.param("org"), "admin");
  const { settings } = await loadOrg(c, c.req.param("org"));
  const env = c.get("env");
  const keys = requireKeyRing(env.ENCRYPTION_KEYS);
  const id = c.req.param("id");
  const credential = /^cred_[A-Za-z0-9]{1,64}$/.test(id) ? await getCredential(env.CONFIG, settings.id, id) : null;
  if (!credential) throw new AppError("credential_not_found", "no such Okta credential in this organization");
  const ambient = ambientFor(c.get("env"));
  const report = await testCapabilities(await connectionFor(credential, keys, ambient), ambient, credential.type === "okta_api_service");
  const { actor, role } = actorOf(principal);
  await orgStore(env, settings.id).audit(
    {
      actor,
      role,
      action: "credential_test",
      targetUserId: null,
      credentialId: credential.id,
      result: report.ok ? "success" : "refused",
      status: 200,
      errorCode: null,
      oktaErrorCode: null,
      oktaRequestId: null,
    },
    c.get("nowMs"),
  );
  return c.json({ credentialId: credential.id, type: credential.type, ...report } satisfies CapabilityReport);
});
