/**
 * Okta conformance: `GET /api/v1/logs` needs the okta.logs.read scope and an admin role that may read the log, draws
 * from its own (much smaller) rate-limit bucket, and serves events that validate against the spec's LogEvent schema.
 */
import { describe, expect, it } from "vitest";
import {
  addClient,
  bearerToken,
  CONTROL,
  control,
  expectMatchesSpec,
  expectOktaError,
  expectOktaHeaders,
  expectOnlyDeclared,
  type J,
  newOrg,
  nowS,
  setUpConformance,
} from "./support";
import { LOG_SCOPES, logsOrg, minutesAgo, seedEvents } from "./system-log-support";

setUpConformance();

const LAGOS = { city: "Lagos", state: "Lagos", country: "Nigeria", postalCode: "100001", geolocation: { lat: 6.45, lon: 3.39 } };

/** Events shaped like the real ones the worker reads: sign-ins with risk data, a report, a denial, a threat, a grant. */
const RICH_EVENTS = [
  {
    eventType: "user.session.start",
    published: minutesAgo(9),
    displayMessage: "User login to Okta",
    legacyEventType: "core.user_auth.login_success",
    actor: { id: "00uada00000000000001", type: "User", alternateId: "ada@acme.test", displayName: "Ada Lovelace" },
    client: {
      userAgent: { rawUserAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/127.0.0.0 Safari/537.36", os: "Mac OS X", browser: "CHROME" },
      zone: "null",
      device: "Computer",
      ipAddress: "198.51.100.7",
      geographicalContext: LAGOS,
    },
    authenticationContext: { authenticationStep: 0, externalSessionId: "idxBager62CSveUkTxvgRtonA", credentialType: "PASSWORD" },
    debugContext: { debugData: { risk: "{reasons=Anomalous Location, level=HIGH}", behaviors: "{New Geo-Location=POSITIVE}", threatSuspected: "false" } },
    securityContext: {
      asNumber: 394089,
      asOrg: "ASN 0000",
      isp: "example isp",
      domain: null,
      isProxy: false,
      risk: { level: "HIGH", reasons: ["Anomalous Location"], issuer: "OKTA", detectionName: null, previousLevel: "LOW" },
    },
  },
  { eventType: "user.account.report_suspicious_activity_by_enduser", published: minutesAgo(8), severity: "WARN" },
  { eventType: "policy.evaluate_sign_on", published: minutesAgo(7), outcome: { result: "DENY", reason: "Sign-on policy evaluation resulted in DENY" } },
  { eventType: "security.threat.detected", published: minutesAgo(6), severity: "WARN", outcome: { result: "DENY", reason: "Password Spray" } },
  {
    eventType: "user.account.privilege.grant",
    published: minutesAgo(5),
    target: [
      { id: "00ubob00000000000003", type: "User", alternateId: "bob@acme.test", displayName: "Bob Tester" },
      { id: "SUPER_ADMIN", type: "ROLE", displayName: "Super administrator", detailEntry: { privilegeGranted: "Super administrator" } },
    ],
  },
];

describe("System Log access, rate limit and schema", () => {
  it("needs the okta.logs.read scope: other tokens get 403 E0000006 with an insufficient_scope challenge", async () => {
    const org = await newOrg();
    const clientId = await addClient(org, { grantedScopes: LOG_SCOPES });
    const usersOnly = await bearerToken(org, clientId, "okta.users.read okta.users.manage");
    const refused = await fetch(`${org.orgUrl}/api/v1/logs`, { headers: { authorization: `Bearer ${usersOnly}` } });
    await expectOktaError(refused, "listLogEvents", 403, "E0000006", "You do not have permission to perform the requested action");
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer .*scope="okta\.logs\.read".*error="insufficient_scope"/);
    const logsToken = await bearerToken(org, clientId, "okta.logs.read");
    expect((await fetch(`${org.orgUrl}/api/v1/logs`, { headers: { authorization: `Bearer ${logsToken}` } })).status).toBe(200);
    await expectOktaError(await fetch(`${org.orgUrl}/api/v1/logs`), "listLogEvents", 401, "E0000011");
  });

  it("needs an admin role holding okta.logs.read (for apps and API tokens alike); okta.users.manage does not include it", async () => {
    const org = await newOrg();
    const asApp = async (adminRole: boolean | string[]) => {
      const token = await bearerToken(org, await addClient(org, { grantedScopes: LOG_SCOPES, adminRole }), "okta.logs.read");
      return fetch(`${org.orgUrl}/api/v1/logs`, { headers: { authorization: `Bearer ${token}` } });
    };
    await expectOktaError(await asApp(false), "listLogEvents", 403, "E0000006");
    await expectOktaError(await asApp(["okta.users.manage"]), "listLogEvents", 403, "E0000006");
    expect((await asApp(["okta.logs.read"])).status).toBe(200);
    const asToken = async (adminRole: boolean | string[]) => {
      const { token } = await control("POST", `/orgs/${org.orgId}/api-tokens`, { adminRole });
      return fetch(`${org.orgUrl}/api/v1/logs`, { headers: { authorization: `SSWS ${token}` } });
    };
    await expectOktaError(await asToken(["okta.users.read"]), "listLogEvents", 403, "E0000006");
    expect((await asToken(true)).status).toBe(200);
  });

  it("draws from a bucket of its own, 120 per minute by default: a 429 there leaves /api/v1/users untouched", async () => {
    const { org, call, logs } = await logsOrg();
    const first = await logs();
    expectOktaHeaders(first);
    expect(first.headers.get("x-rate-limit-limit")).toBe("120");
    expect(first.headers.get("x-rate-limit-remaining")).toBe("119");
    expect((await control("GET", `/orgs/${org.orgId}/rate-limits`)).logs).toEqual({ limit: 120, windowSeconds: 60 });
    const users = await call("/api/v1/users");
    expect(users.headers.get("x-rate-limit-limit")).toBe("600");

    await control("PUT", `/orgs/${org.orgId}/rate-limits`, { logs: { limit: 2, windowSeconds: 30 } });
    expect((await logs()).headers.get("x-rate-limit-remaining")).toBe("1");
    expect((await logs()).headers.get("x-rate-limit-remaining")).toBe("0");
    const limited = await logs();
    await expectOktaError(limited, "listLogEvents", 429, "E0000047", "API call exceeded rate limit due to too many requests.");
    expect([limited.headers.get("x-rate-limit-limit"), limited.headers.get("x-rate-limit-remaining")]).toEqual(["2", "0"]);
    expect(Number(limited.headers.get("x-rate-limit-reset"))).toBeGreaterThanOrEqual(nowS());
    expect(Number(limited.headers.get("x-rate-limit-reset"))).toBeLessThanOrEqual(nowS() + 31);
    expect(limited.headers.get("x-okta-request-id")).toBeTruthy();
    const stillFine = await call("/api/v1/users");
    expect(stillFine.status).toBe(200);
    expect(Number(stillFine.headers.get("x-rate-limit-remaining"))).toBe(598);
    const log = (await control("GET", `/orgs/${org.orgId}/api-requests`)) as J[];
    expect(log.filter((entry) => entry.fault === "rate-limit").map((entry) => entry.path)).toEqual(["/api/v1/logs"]);
  });

  it("serves seeded events that validate against the spec's LogEvent schema, declaring no other fields", async () => {
    const { org, logs } = await logsOrg();
    const seeded = await seedEvents(org, RICH_EVENTS);
    const response = await logs();
    const body = (await response.json()) as J[];
    expectMatchesSpec("listLogEvents", 200, body);
    expect(body.map((event) => event.uuid)).toEqual(seeded.map((event: J) => event.uuid));
    for (const event of body) {
      expectOnlyDeclared(event, "LogEvent");
      expect(Object.keys(event)).toEqual(expect.arrayContaining(["uuid", "published", "eventType", "version", "severity", "actor", "outcome", "transaction"]));
      expect(event.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(event.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expect(body[0].request.ipChain).toEqual([{ ip: "198.51.100.7", version: "V4", geographicalContext: LAGOS }]);
    expect(body[0].debugContext.debugData.risk).toBe("{reasons=Anomalous Location, level=HIGH}");
  });

  it("refuses a seed that is not a LogEvent (unknown field, bad enum, missing eventType), and a duplicate uuid", async () => {
    const { org } = await logsOrg();
    const post = (events: unknown) =>
      fetch(`${CONTROL}/orgs/${org.orgId}/log-events`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(events),
      });
    for (const bad of [
      [{ eventType: "user.session.start", device: { id: "x" } }],
      [{ eventType: "user.session.start", outcome: { result: "MAYBE" } }],
      [{ eventType: "user.session.start", client: { geographicalContext: { town: "Paris" } } }],
      [{ displayMessage: "no type" }],
    ]) {
      const response = await post(bad);
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(((await response.json()) as J).error).toMatch(/^log event 0: /);
    }
    const [event] = await seedEvents(org, [{ eventType: "user.session.start" }]);
    expect((await post([{ eventType: "user.session.start", uuid: event.uuid }])).status).toBe(409);
  });

  it("with the org option logEventNulls, serves null for absent values as Okta's own examples do", async () => {
    const { org, logs } = await logsOrg([], { options: { logEventNulls: true } });
    await seedEvents(org, [{ eventType: "user.session.start", target: [{ id: "00u1", type: "User" }] }]);
    const [event] = (await (await logs()).json()) as J[];
    expect(event.actor.detailEntry).toBeNull();
    expect(event.outcome).toEqual({ reason: null, result: "SUCCESS" });
    expect(event.client.zone).toBeNull();
    expect(event.target[0].detailEntry).toBeNull();
    expect(event.transaction.detail).toEqual({});
  });
});
