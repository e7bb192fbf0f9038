/**
 * The bench's world: the fake Okta (in this process, loopback) with one org on a port of its own, the real worker
 * (real-worker.ts), and an organization of ours connected to that Okta org through the worker's real API, exactly
 * as README "Connecting Okta for account actions" describes: an API Service credential whose JWKS the fake fetches
 * from the worker's real `jwksUrl` over loopback, as Okta fetches it.
 */
import { randomBytes } from "node:crypto";
import { type FakeOkta, startFakeOkta } from "../../fakes/okta/server";
import { call } from "./http";
import { type RealWorker, startRealWorker } from "./real-worker";

export const SCOPES = ["okta.users.read", "okta.users.manage", "okta.authenticators.read", "okta.logs.read"] as const;
export const ORG_ID = "bench";

/** Users the bench acts on: one per concurrent lane, and one each for the sequential read and write series. */
export type BenchUsers = { lanes: string[]; read: string; writeProxied: string; writeDirect: string };

export type BenchWorld = {
  worker: RealWorker;
  okta: FakeOkta;
  fakeOrg: { orgId: string; orgUrl: string };
  clientId: string;
  credentialId: string;
  jwksUrl: string;
  /** SSWS token of the fake org, for the direct calls. */
  apiToken: string;
  bootstrap: Record<string, string>;
  users: BenchUsers;
  /** `${okta.controlUrl}/orgs/${fakeOrg.orgId}` */
  control: string;
  stop(): Promise<void>;
};

const activeUser = (login: string) => ({ status: "ACTIVE", profile: { login, email: login, firstName: "Bench", lastName: login.split("@")[0] } });

export async function setUpWorld(lanes: number, log: (line: string) => void): Promise<BenchWorld> {
  const fake = await startFakeOkta({ host: "127.0.0.1", port: 0 });
  let worker: RealWorker | undefined;
  const stop = async () => {
    await Promise.allSettled([worker?.stop(), fake.close()]);
  };
  try {
    const fakeOrg = await call<{ orgId: string; orgUrl: string }>(`${fake.controlUrl}/orgs`, { json: { dedicatedPort: true } }, 201);
    const control = `${fake.controlUrl}/orgs/${fakeOrg.orgId}`;
    // Okta's default 600 requests a minute would throttle 2,000+ calls in seconds; the bench measures the proxy.
    await call(`${control}/rate-limits`, {
      method: "PUT",
      json: { api: { limit: 10_000_000, windowSeconds: 60 }, token: { limit: 10_000_000, windowSeconds: 60 } },
    });
    log(`fake Okta org ${fakeOrg.orgId} at ${fakeOrg.orgUrl} (control ${fake.controlUrl})`);

    const token = randomBytes(32).toString("base64url");
    log("starting the real worker (wrangler.toml, local KV + Durable Objects) …");
    const started = performance.now();
    worker = await startRealWorker(
      { ADMIN_BOOTSTRAP_TOKEN: token, ENCRYPTION_KEYS: `v1:${randomBytes(32).toString("base64")}` },
      { ALLOW_LOOPBACK_UPSTREAMS: "true" },
    );
    log(`worker runtime ${worker.url} (wrangler dev proxy ${worker.devProxyUrl}), up in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const bootstrap = { authorization: `Bearer ${token}` };
    await call(`${worker.url}/api/orgs`, { headers: bootstrap, json: { name: "Bench", id: ORG_ID, defaultRole: "viewer" } }, 201);
    const clientId = `0oa${randomBytes(12).toString("hex").slice(0, 17)}`;
    const credential = await call<{ id: string; jwksUrl: string }>(
      `${worker.url}/api/orgs/${ORG_ID}/credentials`,
      { headers: bootstrap, json: { type: "okta_api_service", nickname: "Okta (fake)", orgUrl: fakeOrg.orgUrl, clientId } },
      201,
    );
    if (!credential.jwksUrl.startsWith(`${worker.url}/`)) throw new Error(`jwksUrl ${credential.jwksUrl} is not on the worker (${worker.url})`);
    await call(
      `${control}/clients`,
      { json: { clientId, jwksUri: credential.jwksUrl, grantedScopes: [...SCOPES], adminRole: true, dpopRequired: false } },
      201,
    );
    const { token: apiToken } = await call<{ token: string }>(`${control}/api-tokens`, { json: { adminRole: true } }, 201);

    const logins = [
      ...Array.from({ length: lanes }, (_, i) => `lane${i}@bench.test`),
      "read@bench.test",
      "write-proxied@bench.test",
      "write-direct@bench.test",
    ];
    const seeded = await call<Array<{ id: string }>>(`${control}/users`, { json: logins.map(activeUser) }, 201);
    const ids = seeded.map((user) => user.id);
    const users: BenchUsers = { lanes: ids.slice(0, lanes), read: ids[lanes]!, writeProxied: ids[lanes + 1]!, writeDirect: ids[lanes + 2]! };
    log(`seeded through the API: organization "${ORG_ID}", API Service credential ${credential.id} (client ${clientId}), ${ids.length} Okta users`);

    return { worker, okta: fake, fakeOrg, clientId, credentialId: credential.id, jwksUrl: credential.jwksUrl, apiToken, bootstrap, users, control, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
