/**
 * The loopback fakes of `npm run dev`: a fake Okta SAML IdP, a fake Okta org (on a port of its own) and a fake
 * Persona, started and seeded with the demo's users and records. They keep their state in memory, so this runs on
 * every start.
 */
import { createServer } from "node:net";
import { type FakeIdp, startFakeIdp } from "../../../fakes/idp/server";
import { type FakeOkta, startFakeOkta } from "../../../fakes/okta/server";
import { type FakePersona, startFakePersona } from "../../../fakes/persona/server";
import { DEMO_ORG_ID } from "../setup";
import type { Call, DevCalls } from "./calls";
import type { DevContext } from "./context";
import { DEMO_GROUPS, DEMO_PERSONA, DEMO_USERS, demoPersonaSeeds } from "./demo-data";

export interface DevFakes {
  idp: FakeIdp;
  okta: FakeOkta;
  persona: FakePersona;
  /** The demo's Persona environment (fixed ID and API key, see DEMO_PERSONA). */
  personaEnv: Awaited<ReturnType<FakePersona["createEnv"]>>;
}

/** Fails early and clearly when a port is taken (e.g. an earlier `npm run dev` still running). */
async function assertPortFree(port: number, what: string, envName: string): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const probe = createServer()
      .once("error", (error: NodeJS.ErrnoException) =>
        reject(new Error(error.code === "EADDRINUSE" ? `port ${port} (${what}) is in use: stop the other process or set ${envName}` : error.message)),
      )
      .listen(port, "127.0.0.1", () => probe.close(() => resolvePort()));
  });
}

/** Checks the ports of the worker and the fakes are free, then starts the fakes and seeds them with the demo. */
export async function startDevFakes({ ports, urls }: DevContext, calls: DevCalls): Promise<DevFakes> {
  await assertPortFree(ports.worker, "worker", "DEV_PORT");
  await assertPortFree(ports.okta, "fake Okta", "DEV_OKTA_PORT");
  await assertPortFree(ports.oktaOrg, "fake Okta org", "DEV_OKTA_ORG_PORT");
  await assertPortFree(ports.persona, "fake Persona", "DEV_PERSONA_PORT");
  const idp = await startFakeIdp({
    host: "127.0.0.1",
    port: ports.idp,
    sps: [{ acsUrl: urls.orgAcs, audience: urls.orgMetadata, name: "Persona Okta Companion (Acme demo)" }],
    log: (line) => console.log(`[idp] ${line}`),
  });
  const okta = await startFakeOkta({ host: "127.0.0.1", port: ports.okta, log: (line) => console.log(`[okta] ${line}`) });
  // A port of its own: the worker accepts only a bare origin as an org URL.
  const { orgUrl } = await okta.createOrg({ id: DEMO_ORG_ID, dedicatedPort: ports.oktaOrg });
  if (orgUrl !== urls.oktaOrg) throw new Error(`the fake Okta org listens on ${orgUrl}, not ${urls.oktaOrg}`);
  await seedDemoOktaUsers(calls.oktaControl);
  const persona = await startFakePersona({ host: "127.0.0.1", port: ports.persona, log: (line) => console.log(`[persona] ${line}`) });
  const personaEnv = await persona.createEnv({ id: DEMO_PERSONA.envId, apiKey: DEMO_PERSONA.apiKey });
  await seedDemoPersona(calls.personaControl);
  return { idp, okta, persona, personaEnv };
}

/** Seeds the fake Okta org's groups and users (in memory: done on every start). */
async function seedDemoOktaUsers(oktaControl: Call): Promise<void> {
  const groups = await oktaControl(`/orgs/${DEMO_ORG_ID}/groups`, "POST", DEMO_GROUPS);
  if (groups.status !== 201) throw new Error(`fake Okta: POST /__fake/orgs/${DEMO_ORG_ID}/groups answered ${groups.status}: ${JSON.stringify(groups.body)}`);
  const now = Date.now();
  const users = await oktaControl(
    `/orgs/${DEMO_ORG_ID}/users`,
    "POST",
    DEMO_USERS.map((user) => {
      // ada@acme.test is also the fake IdP's pre-filled sign-in e-mail.
      const login = `${user.first.toLowerCase()}@acme.test`;
      return {
        id: user.id,
        status: user.status,
        profile: {
          login,
          email: login,
          firstName: user.first,
          lastName: user.last,
          displayName: `${user.first} ${user.last}`,
          title: user.title,
          department: user.department,
        },
        factorsEnrolled: user.factors,
        groups: user.groups,
        created: "2024-03-04T09:00:00.000Z",
        ...(user.status === "STAGED" ? {} : { lastLogin: new Date(now - 3_600_000).toISOString() }),
      };
    }),
  );
  if (users.status !== 201) throw new Error(`fake Okta: POST /__fake/orgs/${DEMO_ORG_ID}/users answered ${users.status}: ${JSON.stringify(users.body)}`);
}

/** Seeds the fake Persona environment (in memory: done on every start); accounts first, then what refers to them. */
async function seedDemoPersona(personaControl: Call): Promise<void> {
  const seeds = demoPersonaSeeds(Date.now());
  for (const kind of ["accounts", "inquiries", "cases"] as const) {
    const seeded = await personaControl(`/envs/${DEMO_PERSONA.envId}/${kind}`, "POST", seeds[kind]);
    if (seeded.status !== 201)
      throw new Error(`fake Persona: POST /__fake/envs/${DEMO_PERSONA.envId}/${kind} answered ${seeded.status}: ${JSON.stringify(seeded.body)}`);
  }
}
