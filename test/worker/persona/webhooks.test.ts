import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { oktaFixture } from "../okta/support";
import { api, BASE, BOOTSTRAP, createOrg, errorCode, provision, signIn } from "../support/api";

import { automationEntries, caseEvent, configure, deliver, ROTATED, SECRET, signature } from "./webhook-support";

describe("Persona webhooks: signature, de-duplication, rules", () => {
  it("a verified case.resolved Declined suspends the Okta user once, as an audited automation", async () => {
    const okta = await oktaFixture();
    const ruleId = await configure(okta);
    const event = caseEvent({ status: "declined", referenceId: okta.users.active });
    const first = await deliver(okta.org.id, event, (body) => signature(body, SECRET));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ received: true, duplicate: false, rules: [ruleId] });
    const entries = await automationEntries(okta.org.id, 1);
    expect(entries[0]).toMatchObject({ action: "suspend", targetUserId: okta.users.active, result: "success", actor: { kind: "automation", id: ruleId } });
    expect((await okta.fakeUser(okta.users.active)).status).toBe("SUSPENDED");

    const again = await deliver(okta.org.id, event, (body) => signature(body, SECRET));
    expect(await again.json()).toMatchObject({ duplicate: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await automationEntries(okta.org.id, 1)).length).toBe(1);
  });

  it("a bad, missing or stale signature is refused and nothing runs", async () => {
    const okta = await oktaFixture();
    await configure(okta);
    const event = caseEvent({ status: "Declined", referenceId: okta.users.active });
    const forged = await deliver(okta.org.id, event, (body) => signature(body, "not-the-secret-000000000000"));
    expect(forged.status).toBe(401);
    expect(await errorCode(forged)).toBe("webhook_signature_invalid");
    const tampered = await deliver(okta.org.id, event, (body) => signature(body.replace("Declined", "Approved"), SECRET));
    expect(await errorCode(tampered)).toBe("webhook_signature_invalid");
    const missing = await SELF.fetch(`${BASE}/${okta.org.id}/webhooks/persona`, { method: "POST", body: JSON.stringify(event) });
    expect(await errorCode(missing)).toBe("webhook_signature_invalid");
    const stale = await deliver(okta.org.id, event, (body) => signature(body, SECRET, Math.floor(Date.now() / 1000) - 600));
    expect(stale.status).toBe(401);
    expect(await errorCode(stale)).toBe("webhook_timestamp_stale");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await okta.fakeUser(okta.users.active)).status).toBe("ACTIVE");
  });

  it("during secret rotation either secret verifies, and a header with two signature sets is accepted", async () => {
    const okta = await oktaFixture();
    await configure(okta, [SECRET, ROTATED]);
    const withOld = await deliver(okta.org.id, caseEvent({ status: "Approved", referenceId: okta.users.active }), (body) => signature(body, SECRET));
    expect(withOld.status).toBe(200);
    const withNew = await deliver(okta.org.id, caseEvent({ status: "Approved", referenceId: okta.users.active }), (body) => signature(body, ROTATED));
    expect(withNew.status).toBe(200);
    const twoSets = await deliver(
      okta.org.id,
      caseEvent({ status: "Approved", referenceId: okta.users.active }),
      (body) => `${signature(body, "unknown-secret-0000000000")} ${signature(body, ROTATED)}`,
    );
    expect(twoSets.status).toBe(200);
  });

  it("events out of order do no harm: an older event after a newer one is skipped", async () => {
    const okta = await oktaFixture();
    await configure(okta);
    const newer = caseEvent({ status: "Declined", referenceId: okta.users.active, createdAt: new Date(Date.now() - 1000).toISOString() });
    const older = caseEvent({ status: "Declined", referenceId: okta.users.active, createdAt: new Date(Date.now() - 60_000).toISOString() });
    await deliver(okta.org.id, newer, (body) => signature(body, SECRET));
    await automationEntries(okta.org.id, 1);
    await api(`/api/orgs/${okta.org.id}/okta/users/${okta.users.active}/lifecycle/unsuspend`, { method: "POST", headers: BOOTSTRAP });
    await deliver(okta.org.id, older, (body) => signature(body, SECRET));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await automationEntries(okta.org.id, 1)).length).toBe(1);
    expect((await okta.fakeUser(okta.users.active)).status).toBe("ACTIVE");
  });

  it("a status the rule does not name, or another event, triggers nothing", async () => {
    const okta = await oktaFixture();
    await configure(okta);
    const approved = await deliver(okta.org.id, caseEvent({ status: "Approved", referenceId: okta.users.active }), (body) => signature(body, SECRET));
    expect(await approved.json()).toMatchObject({ rules: [] });
    const other = await deliver(okta.org.id, caseEvent({ name: "case.assigned", status: "Declined", referenceId: okta.users.active }), (body) =>
      signature(body, SECRET),
    );
    expect(await other.json()).toMatchObject({ rules: [] });
  });

  it("an organization without a webhook secret answers 409; an unknown organization 404; a non-event 400", async () => {
    const org = await createOrg();
    const event = caseEvent({ status: "Declined", referenceId: "00u1" });
    expect(await errorCode(await deliver(org.id, event, (body) => signature(body, SECRET)))).toBe("webhook_not_configured");
    expect(await errorCode(await deliver("no-such-org", event, (body) => signature(body, SECRET)))).toBe("org_not_found");
    const okta = await oktaFixture();
    await configure(okta);
    const junk = await deliver(okta.org.id, { hello: "world" }, (body) => signature(body, SECRET));
    expect(junk.status).toBe(400);
    expect(await errorCode(junk)).toBe("webhook_payload_invalid");
  });

  it("rules and the webhook secret are admin-only; the secret is never returned", async () => {
    const okta = await oktaFixture();
    await configure(okta);
    const view = await api(`/api/orgs/${okta.org.id}/persona/webhook`, { headers: BOOTSTRAP });
    const text = await view.text();
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toMatchObject({ configured: true, secrets: 1, webhookUrl: `${BASE}/${okta.org.id}/webhooks/persona` });
    const anonymous = await api(`/api/orgs/${okta.org.id}/persona/rules`);
    expect(anonymous.status).toBe(401);
    await provision(okta.org.id, "op@acme.test", "operator");
    const operator = await signIn(okta.idp, okta.org, "op@acme.test");
    for (const path of ["/persona/rules", "/persona/webhook"]) {
      const response = await api(`/api/orgs/${okta.org.id}${path}`, { headers: { cookie: operator } });
      expect(response.status).toBe(403);
      expect(await errorCode(response)).toBe("forbidden");
    }
    const other = await oktaFixture();
    await provision(other.org.id, "admin@other.test", "admin");
    const otherAdmin = await signIn(other.idp, other.org, "admin@other.test");
    const cross = await api(`/api/orgs/${okta.org.id}/persona/rules`, { headers: { cookie: otherAdmin } });
    expect(cross.status).toBe(404);
    expect(await errorCode(cross)).toBe("org_not_found");
  });
});
