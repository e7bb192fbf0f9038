/**
 * Runs the fake Okta org server on its own (for `npm run dev`, benchmarks, manual poking):
 *
 *   npx tsx fakes/okta/cli.ts [--host 127.0.0.1] [--port 8789] [--org dev] [--org-port 8790] [--demo]
 *
 * `--org` creates an org with that id at start-up (under `<url>/o/<id>`, or on `--org-port` so its URL is a bare
 * origin, which the worker's org-URL rule requires); `--demo` seeds it with a few users in different states.
 * Everything else (service apps, API tokens, faults) goes through the control API at `<url>/__fake` (README.md).
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { newRequestId } from "./ids";
import { completeSeed, type LogEventSeed } from "./log-event";
import { startFakeOkta } from "./server";

const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "8789" },
    org: { type: "string" },
    "org-port": { type: "string" },
    demo: { type: "boolean", default: false },
  },
});

function port(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) {
    console.error(`invalid ${name}: ${value}`);
    process.exit(2);
  }
  return parsed;
}

const okta = await startFakeOkta({ host: values.host, port: port(values.port, "--port"), log: (line) => console.log(`[okta] ${line}`) });
console.log(`Fake Okta listening on ${okta.url}\n  control API: ${okta.controlUrl} (see fakes/okta/README.md)`);

const orgId = values.org ?? (values.demo ? "demo" : undefined);
if (orgId !== undefined) {
  const { orgUrl } = await okta.createOrg({ id: orgId, dedicatedPort: port(values["org-port"], "--org-port") });
  const org = okta.org(orgId)!;
  if (values.demo) {
    const now = Date.now();
    const seed = (name: string, status: "ACTIVE" | "SUSPENDED" | "LOCKED_OUT" | "STAGED" | "DEPROVISIONED", factorsEnrolled = 0, groups: string[] = []) =>
      org.seedUser(
        {
          status,
          factorsEnrolled,
          groups,
          profile: {
            login: `${name.toLowerCase()}@acme.test`,
            email: `${name.toLowerCase()}@acme.test`,
            firstName: name,
            lastName: "Example",
            department: "Engineering",
          },
        },
        now,
      );
    const ada = seed("Ada", "ACTIVE", 2, ["Engineering", "Admins"]);
    seed("Grace", "SUSPENDED", 1, ["Engineering"]);
    seed("Alan", "LOCKED_OUT", 1);
    seed("Katherine", "STAGED");
    seed("Charles", "DEPROVISIONED");
    // Ada's recent System Log: a usual sign-in, one from far away with Okta's risk data, and her report of it.
    const actor = { id: ada.id, type: "User", alternateId: "ada@acme.test", displayName: "Ada Example" };
    const signIn = (minutesAgo: number, city: string, country: string, ipAddress: string, risk: string): LogEventSeed => ({
      eventType: "user.session.start",
      published: new Date(now - minutesAgo * 60_000).toISOString(),
      displayMessage: "User login to Okta",
      actor,
      client: { ipAddress, device: "Computer", geographicalContext: { city, country } },
      debugContext: { debugData: { risk } },
    });
    const events: LogEventSeed[] = [
      signIn(180, "London", "United Kingdom", "198.51.100.10", "{level=LOW}"),
      signIn(30, "Lagos", "Nigeria", "203.0.113.77", "{reasons=Anomalous Location, level=HIGH}"),
      { eventType: "user.account.report_suspicious_activity_by_enduser", published: new Date(now - 20 * 60_000).toISOString(), actor, target: [actor] },
    ];
    org.logs.append(
      events.map((event) => completeSeed(event, now, { uuid: randomUUID, transactionId: newRequestId })),
      now,
    );
  }
  console.log(`  org ${orgId}: ${orgUrl} (token endpoint ${orgUrl}/oauth2/v1/token)${values.demo ? ", 5 demo users and 3 System Log events" : ""}`);
  console.log(`  register the worker's service app: POST ${okta.controlUrl}/orgs/${orgId}/clients {"jwksUri":"…","grantedScopes":[…],"adminRole":true}`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void okta.close().finally(() => process.exit(0));
  });
}
