/**
 * The context bench's world: the Okta proxy bench's world (okta/setup.ts: the real worker, the fake Okta, the
 * "bench" organization connected through the API Service credential), plus the fake Persona in this process on
 * its own loopback port, connected through the worker's real `PUT /api/orgs/{org}/persona`. Every seeded Okta user
 * (in Everyone and Support) has a Persona account whose `reference-id` is the user's ID, with an open and a resolved case
 * and two inquiries, as `fakes/persona/cli.ts --demo` seeds them.
 */
import { type FakePersona, startFakePersona } from "../../fakes/persona/server";
import { call } from "../okta/http";
import { type BenchWorld, ORG_ID, setUpWorld } from "../okta/setup";

export type ContextWorld = BenchWorld & {
  persona: FakePersona;
  personaEnvId: string;
  /** `${persona.controlUrl}/envs/${personaEnvId}` */
  personaControl: string;
  /** Seeded Okta user IDs, each with its Persona account, cases and inquiries, in seeding order. */
  userIds: string[];
  stopAll(): Promise<void>;
};

const DAY_MS = 86_400_000;

export async function setUpContextWorld(users: number, log: (line: string) => void): Promise<ContextWorld> {
  const persona = await startFakePersona({ host: "127.0.0.1", port: 0 });
  let world: BenchWorld | undefined;
  const stopAll = async () => {
    await Promise.allSettled([world?.stop(), persona.close()]);
  };
  try {
    // Persona's 300 requests a minute would throttle the series (3 Persona calls per uncached view): raised, the
    // bench measures the worker.
    const env = await call<{ envId: string; baseUrl: string; apiKey: string }>(
      `${persona.controlUrl}/envs`,
      { json: { rateLimit: { limit: 10_000_000, windowSeconds: 60 } } },
      201,
    );
    const personaControl = `${persona.controlUrl}/envs/${env.envId}`;
    log(`fake Persona environment ${env.envId} at ${env.baseUrl}`);

    world = await setUpWorld(0, log);

    const logins = Array.from({ length: users }, (_, i) => `context${i}@bench.test`);
    const seeded = await call<Array<{ id: string }>>(
      `${world.control}/users`,
      {
        json: logins.map((login, i) => ({
          status: "ACTIVE",
          profile: { login, email: login, firstName: "Context", lastName: `User ${i}` },
          groups: ["Support"],
        })),
      },
      201,
    );
    const userIds = seeded.map((user) => user.id);

    const now = Date.now();
    const iso = (ago: number) => new Date(now - ago).toISOString();
    const accounts = await call<Array<{ id: string }>>(
      `${personaControl}/accounts`,
      { json: userIds.map((referenceId, i) => ({ referenceId, tags: ["okta"], fields: { email_address: logins[i] } })) },
      201,
    );
    const inquiries = await call<Array<{ id: string }>>(
      `${personaControl}/inquiries`,
      {
        json: accounts.flatMap((account) => [
          { account: account.id, status: "approved", createdAt: iso(30 * DAY_MS) },
          { account: account.id, status: "needs_review", createdAt: iso(DAY_MS) },
        ]),
      },
      201,
    );
    await call(
      `${personaControl}/cases`,
      {
        json: accounts.flatMap((account, i) => [
          {
            accounts: [account.id],
            inquiries: [inquiries[2 * i]!.id],
            status: "Approved",
            resolution: "Approved",
            createdAt: iso(29 * DAY_MS),
            resolvedAt: iso(28 * DAY_MS),
          },
          {
            accounts: [account.id],
            inquiries: [inquiries[2 * i + 1]!.id],
            status: "Open",
            assigneeId: "reviewer@bench.test",
            createdAt: iso(DAY_MS),
            comments: [{ message: "Selfie does not match the ID photo; asked for a new one.", commenterId: "reviewer@bench.test" }],
          },
        ]),
      },
      201,
    );

    await call(`${world.worker.url}/api/orgs/${ORG_ID}/persona`, {
      method: "PUT",
      headers: world.bootstrap,
      json: { apiKey: env.apiKey, baseUrl: env.baseUrl },
    });
    log(
      `seeded ${users} Okta users (in Everyone + Support) and ${accounts.length} Persona accounts (2 cases: 1 open, 1 resolved; 2 inquiries each); Persona connected through the API`,
    );

    return { ...world, persona, personaEnvId: env.envId, personaControl, userIds, stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
