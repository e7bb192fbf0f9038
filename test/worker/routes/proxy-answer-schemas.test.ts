import { describe, expect, it } from "vitest";
import { ErrorBodySchema } from "../../../shared/errors";
import { LifecycleResultSchema, TemporaryAccessCodeSchema } from "../../../shared/okta-proxy";
import { UserContextSchema } from "../../../shared/persona";
import { oktaFixture } from "../okta/support";
import { createOrg, postAcs } from "../support/api";
import { exactAnswer } from "../support/exact-schema";

describe("the gate's answers match the shared schemas the extension parses them with, exactly", () => {
  it("a lifecycle action and a temporary access code", async () => {
    const okta = await oktaFixture({ type: "okta_api_key" });
    const done = await exactAnswer(await okta.proxy(`/users/${okta.users.active}/lifecycle/suspend`, { method: "POST" }), 200, LifecycleResultSchema);
    expect(done.action).toBe("suspend");
    const tac = await exactAnswer(
      await okta.proxy(`/users/${okta.users.staged}/temporary-access-code`, { method: "POST", json: { ttlMinutes: 60 } }),
      200,
      TemporaryAccessCodeSchema,
    );
    expect(tac.code).not.toBeNull();
  });

  it("a user context", async () => {
    const okta = await oktaFixture({ type: "okta_api_key" });
    const context = await exactAnswer(await okta.proxy(`/users/${okta.users.active}/context`), 200, UserContextSchema);
    expect(context.okta?.id).toBe(okta.users.active);
  });

  it("an ACS refusal is the one error envelope, with the terse message only", async () => {
    const org = await createOrg();
    const body = await exactAnswer(await postAcs(org.id, "not base64 at all!"), 409, ErrorBodySchema);
    expect(body.error).toMatchObject({ code: "sso_not_configured", message: "sign-in failed" });
    expect(body.error.requestId).toMatch(/\S/);
  });
});
