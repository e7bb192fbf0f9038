import { describe, expect, it } from "vitest";
import { VerificationPolicyViewSchema } from "../../../shared/verification";
import { api, BOOTSTRAP, createOrg, expectRefused } from "../support/api";
import { exactAnswer } from "../support/exact-schema";

const policyPath = (org: string) => `/api/orgs/${org}/verification`;
const put = (org: string, json: unknown) => api(policyPath(org), { method: "PUT", headers: BOOTSTRAP, json });
const read = async (org: string) => exactAnswer(await api(policyPath(org), { headers: BOOTSTRAP }), 200, VerificationPolicyViewSchema);

type Entry = { action: string; status: number; changes: { before?: Record<string, unknown>; after?: Record<string, unknown> } };
async function audit(org: string): Promise<Entry[]> {
  return ((await (await api(`/api/orgs/${org}/audit`, { headers: BOOTSTRAP })).json()) as { entries: Entry[] }).entries;
}

describe("the verified-recovery policy: GET, PUT, DELETE /api/orgs/{org}/verification", () => {
  it("is not configured until an admin sets one; a template alone takes every default", async () => {
    const org = await createOrg();
    expect(await read(org.id)).toEqual({ configured: false });
    const set = await exactAnswer(await put(org.id, { templateId: "itmpl_Demo123" }), 200, VerificationPolicyViewSchema);
    expect(set).toMatchObject({
      configured: true,
      templateId: "itmpl_Demo123",
      passOn: ["approved"],
      linkTtlSeconds: 900,
      validForMinutes: 30,
      requiredFor: ["reset_factors", "unlock", "temporary_access_code"],
      fieldMap: { "name-first": "firstName", "name-last": "lastName", "email-address": "email" },
    });
    expect(await read(org.id)).toEqual(set);
  });

  it("takes custom attributes (a legal name, a birth date) and any write action of the catalog", async () => {
    const org = await createOrg();
    const policy = {
      templateId: "itmpl_Legal9",
      passOn: ["approved", "completed"],
      linkTtlSeconds: 600,
      validForMinutes: 10,
      requiredFor: ["reset_factors", "suspend", "update"],
      fieldMap: { "name-first": "legalFirstName", birthdate: "birthdate" },
    };
    expect(await exactAnswer(await put(org.id, policy), 200, VerificationPolicyViewSchema)).toMatchObject({ configured: true, ...policy });
  });

  it.each([
    ["a template that is not itmpl_…", { templateId: "tmpl_x" }],
    ["a read action (nothing to recover)", { templateId: "itmpl_a", requiredFor: ["retrieve"] }],
    ["an unknown action", { templateId: "itmpl_a", requiredFor: ["delete_user"] }],
    ["an action twice", { templateId: "itmpl_a", requiredFor: ["unlock", "unlock"] }],
    ["an outcome Persona does not have", { templateId: "itmpl_a", passOn: ["pending"] }],
    ["no passing outcome", { templateId: "itmpl_a", passOn: [] }],
    ["a link shorter than a minute", { templateId: "itmpl_a", linkTtlSeconds: 30 }],
    ["a validity longer than a day", { templateId: "itmpl_a", validForMinutes: 1441 }],
    ["an inherited name as a Persona field", { templateId: "itmpl_a", fieldMap: { constructor: "firstName" } }],
    ["an inherited name as an Okta attribute", { templateId: "itmpl_a", fieldMap: { "name-first": "hasOwnProperty" } }],
    ["an Okta attribute that is not a name", { templateId: "itmpl_a", fieldMap: { "name-first": "profile.firstName" } }],
    ["more than 20 fields", { templateId: "itmpl_a", fieldMap: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`field-${i}`, `attr${i}`])) }],
    ["a field the policy does not have", { templateId: "itmpl_a", skipForAdmins: true }],
  ])("refuses %s: 400 invalid_request, and the stored policy is unchanged", async (_name, body) => {
    const org = await createOrg();
    await put(org.id, { templateId: "itmpl_Kept1" });
    const before = await read(org.id);
    await expectRefused(await put(org.id, body), "invalid_request");
    expect(await read(org.id)).toEqual(before);
  });

  it("every change is audited with its before and after; deleting removes it, and deleting none writes nothing", async () => {
    const org = await createOrg();
    await put(org.id, { templateId: "itmpl_One1" });
    await put(org.id, { templateId: "itmpl_Two2", requiredFor: ["reset_factors"] });
    const [update, create] = (await audit(org.id)).filter((entry) => entry.action === "verification_policy_set");
    expect(create?.changes).toMatchObject({
      after: { templateId: "itmpl_One1", fieldMap: ["name-first=firstName", "name-last=lastName", "email-address=email"] },
    });
    expect(update?.changes).toEqual({
      before: { templateId: "itmpl_One1", requiredFor: ["reset_factors", "unlock", "temporary_access_code"] },
      after: { templateId: "itmpl_Two2", requiredFor: ["reset_factors"] },
    });
    expect((await api(policyPath(org.id), { method: "DELETE", headers: BOOTSTRAP })).status).toBe(204);
    expect(await read(org.id)).toEqual({ configured: false });
    expect((await api(policyPath(org.id), { method: "DELETE", headers: BOOTSTRAP })).status).toBe(204);
    const deletes = (await audit(org.id)).filter((entry) => entry.action === "verification_policy_delete");
    expect(deletes).toHaveLength(1);
    expect(deletes[0]).toMatchObject({ status: 204, changes: { before: { templateId: "itmpl_Two2" } } });
  });
});
