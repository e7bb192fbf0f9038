/** Okta conformance: `GET /api/v1/logs` with `filter` (SCIM expressions) and `q` (keywords), and their refusals. */
import { beforeAll, describe, expect, it } from "vitest";
import { expectOktaError, type J, setUpConformance } from "./support";
import { eventTypes, logsOrg, minutesAgo, query, seedEvents } from "./system-log-support";

setUpConformance();

const ADA = { id: "00uada00000000000001", type: "User", alternateId: "ada@acme.test", displayName: "Ada Lovelace" };
const ADMIN = { id: "00uadm00000000000002", type: "User", alternateId: "root@acme.test", displayName: "Root Admin" };
const BOB = { id: "00ubob00000000000003", type: "User", alternateId: "bob@acme.test", displayName: "Bob Tester" };

describe("System Log filter and q", () => {
  let fixture: Awaited<ReturnType<typeof logsOrg>>;
  let uuids: string[];
  beforeAll(async () => {
    fixture = await logsOrg();
    const seeded = await seedEvents(fixture.org, [
      {
        eventType: "user.session.start",
        published: minutesAgo(50),
        actor: ADA,
        client: { ipAddress: "198.51.100.7", geographicalContext: { city: "Paris", country: "France" } },
        debugContext: { debugData: { risk: "{level=LOW}", behaviors: "{New Geo-Location=NEGATIVE}" } },
        target: [{ id: "0oaapp00000000000004", type: "AppInstance", alternateId: "Okta Admin Console", displayName: "Okta Admin Console" }],
      },
      {
        eventType: "user.session.start",
        published: minutesAgo(40),
        actor: ADA,
        outcome: { result: "FAILURE", reason: "INVALID_CREDENTIALS" },
        client: { ipAddress: "203.0.113.20", geographicalContext: { city: "São Paulo", country: "Brazil" } },
      },
      {
        eventType: "policy.evaluate_sign_on",
        published: minutesAgo(30),
        actor: ADA,
        outcome: { result: "DENY", reason: "Sign-on policy evaluation resulted in DENY" },
        transaction: { type: "WEB", id: "XOxBw-2JIRnCFd0gG0GjHAAABjY", detail: {} },
      },
      { eventType: "user.account.report_suspicious_activity_by_enduser", published: minutesAgo(20), actor: ADA, target: [ADA] },
      { eventType: "security.threat.detected", published: minutesAgo(10), severity: "WARN", client: { ipAddress: "192.0.2.66" } },
      {
        eventType: "user.account.privilege.grant",
        published: minutesAgo(5),
        actor: ADMIN,
        target: [BOB, { id: "ra1role0000000000005", type: "ROLE", displayName: "Super administrator" }],
      },
    ]);
    uuids = seeded.map((event: J) => event.uuid);
  });
  const filtered = (expression: string) => fixture.logs(query({ filter: expression }));
  const uuidsOf = async (response: Response) => ((await response.json()) as J[]).map((event) => uuids.indexOf(event.uuid));

  it("matches eq on eventType, target.id, actor.id and outcome.result, combined with and/or and parentheses", async () => {
    expect(await eventTypes(await filtered('eventType eq "user.session.start"'))).toEqual(["user.session.start", "user.session.start"]);
    expect(await uuidsOf(await filtered(`target.id eq "${BOB.id}"`))).toEqual([5]);
    expect(await uuidsOf(await filtered(`actor.id eq "${ADA.id}" and outcome.result eq "FAILURE"`))).toEqual([1]);
    expect(await uuidsOf(await filtered(`target.id eq "${BOB.id}" and target.id eq "ra1role0000000000005"`))).toEqual([5]);
    expect(
      await uuidsOf(await filtered('(eventType eq "policy.evaluate_sign_on" or eventType eq "security.threat.detected") and outcome.result eq "DENY"')),
    ).toEqual([2]);
    expect(await uuidsOf(await filtered('eventType eq "policy.evaluate_sign_on" or eventType eq "security.threat.detected" and severity eq "INFO"'))).toEqual([
      2,
    ]);
  });

  it("supports ne, sw, co, ew, pr and not, on nested attributes, comparing strings without case", async () => {
    expect(await uuidsOf(await filtered(`actor.id ne "${ADA.id}"`))).toEqual([4, 5]);
    expect(await uuidsOf(await filtered('eventType sw "user.account"'))).toEqual([3, 5]);
    expect(await uuidsOf(await filtered('eventType co "session"'))).toEqual([0, 1]);
    expect(await uuidsOf(await filtered('eventType ew "detected"'))).toEqual([4]);
    expect(await uuidsOf(await filtered("debugContext.debugData.risk pr"))).toEqual([0]);
    expect(await uuidsOf(await filtered('client.geographicalContext.country eq "france"'))).toEqual([0]);
    expect(await uuidsOf(await filtered('not (actor.id eq "00uada00000000000001") and severity eq "WARN"'))).toEqual([4]);
  });

  it("refuses bad expressions with Okta's E0000053 and E0000031 bodies", async () => {
    await expectOktaError(
      await filtered('display_message eqq "Create okta user"'),
      "listLogEvents",
      400,
      "E0000053",
      `Invalid filter 'display_message eqq "Create okta user"': Unrecognized attribute operator 'eqq' at position 16. Expected: eq,co,sw,pr,gt,ge,lt,le`,
    );
    await expectOktaError(await filtered('some_invalid_field eq "x"'), "listLogEvents", 400, "E0000053", "field is not valid: some_invalid_field");
    await expectOktaError(
      await filtered('debugContext.debugData.url co "/oauth/"'),
      "listLogEvents",
      400,
      "E0000031",
      "The supplied combination of operator and field is not currently supported. Operator: co, Field: debugContext.debugData.url",
    );
    for (const expression of ['published gt "2024-01-01T00:00:00Z"', "eventType eq", '(eventType eq "x"', 'eventType eq "x" and', "eventType sw 3"]) {
      await expectOktaError(await filtered(expression), "listLogEvents", 400, "E0000053");
    }
  });

  it("matches every q keyword exactly against the words of the event's values, ignoring case, hyphen parts included", async () => {
    expect(await uuidsOf(await fixture.logs(query({ q: "paris" })))).toEqual([0]);
    expect(await uuidsOf(await fixture.logs(query({ q: "Paris Brazil" })))).toEqual([]);
    expect(await uuidsOf(await fixture.logs(query({ q: "Ada Lovelace invalid_credentials" })))).toEqual([1]);
    expect(await uuidsOf(await fixture.logs(query({ q: "XOxBw" })))).toEqual([2]);
    expect(await uuidsOf(await fixture.logs(query({ q: "2JIRnCFd0gG0GjHAAABjY" })))).toEqual([2]);
    expect(await uuidsOf(await fixture.logs(query({ q: "XOxBw-2JIRnCFd0gG0GjHAAABjY" })))).toEqual([2]);
    expect(await uuidsOf(await fixture.logs(query({ q: "Pari" })))).toEqual([]);
    expect(await uuidsOf(await fixture.logs(query({ q: "super", filter: 'eventType sw "user."' })))).toEqual([5]);
  });

  it("refuses a q keyword over 40 characters or more than 10 keywords (E0000001)", async () => {
    await expectOktaError(
      await fixture.logs(query({ q: "a".repeat(41) })),
      "listLogEvents",
      400,
      "E0000001",
      "Api validation failed: 'q': Freeform search cannot contain items longer than 40 characters. Please shorten the items in your search or use an advanced filter to query by specific fields.",
    );
    expect((await fixture.logs(query({ q: "a".repeat(40) }))).status).toBe(200);
    await expectOktaError(await fixture.logs(query({ q: "a b c d e f g h i j k" })), "listLogEvents", 400, "E0000001");
    expect((await fixture.logs(query({ q: "a b c d e f g h i j" }))).status).toBe(200);
  });
});
