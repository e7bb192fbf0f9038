import { describe, expect, it } from "vitest";
import { eventually, requestsTo } from "../persona/support";
import { recoveryFixture, started } from "./recovery-support";

type Fixture = Awaited<ReturnType<typeof recoveryFixture>>;

/** The user's account with one open case at the fake Persona; its case ID. */
async function openCase(fixture: Fixture, user: string): Promise<string> {
  const [account] = await fixture.seedAccounts([{ referenceId: user }]);
  const [kase] = await fixture.seedCases([{ status: "Open", accounts: [account!.id] }]);
  return kase!.id;
}

async function tagsSent(fixture: Fixture, caseId: string) {
  const sent = await eventually(
    () => requestsTo(fixture, "POST", `/cases/${caseId}/add-tag`),
    (requests) => requests.length > 0,
  );
  return sent.map((request) => (request.body as { meta: { "tag-name": string } }).meta["tag-name"]);
}

/** Recovery tags are left whatever `tagCasesAfterActions` says (it is off in these organizations). */
describe("verified recovery: the user's open Persona case is tagged", () => {
  it("okta:verified-recovery after an action a verification allowed", async () => {
    const fixture = await recoveryFixture();
    const user = fixture.users.locked;
    const caseId = await openCase(fixture, user);
    const { id, inquiryId } = await started(await fixture.start(user));
    await fixture.transition(inquiryId, "approved");
    await fixture.until(user, id, "verified");
    expect((await fixture.lifecycle(user, "unlock", { verificationId: id })).status).toBe(200);
    expect(await tagsSent(fixture, caseId)).toEqual(["okta:verified-recovery"]);
  });

  it("okta:recovery-override after an admin's override", async () => {
    const fixture = await recoveryFixture();
    const user = fixture.users.locked;
    const caseId = await openCase(fixture, user);
    const answer = await fixture.lifecycle(user, "unlock", { overrideReason: "caller verified in person at the desk" }, fixture.keys.admin);
    expect(answer.status).toBe(200);
    expect(await tagsSent(fixture, caseId)).toEqual(["okta:recovery-override"]);
  });
});
