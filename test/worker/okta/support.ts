import { env, runInDurableObject } from "cloudflare:test";
import { inject } from "vitest";
import type { OrgStore } from "../../../worker/src/gate/org-gate";
import { controlClient } from "../../support/control-api";
import { api, BOOTSTRAP, orgWithSso, testIdp } from "../support/api";

const fakeOkta = controlClient(`${inject("fakeOktaUrl")}/__fake`);

/** Talks to the fake Okta's control API (fakes/okta, started by test/global-setup.ts). */
export function control(path: string, init: { method?: string; json?: unknown } = {}): Promise<any> {
  return fakeOkta(init.method ?? (init.json === undefined ? "GET" : "POST"), path, init.json);
}

export const ALL_SCOPES = ["okta.users.read", "okta.users.manage", "okta.authenticators.read", "okta.logs.read"];

export type OktaFixture = Awaited<ReturnType<typeof oktaFixture>>;

/**
 * An organization of ours connected to a fresh fake Okta org (on a port of its own, since an Okta org URL is an
 * origin), with one credential, and a seeded directory. For API Service credentials the worker's real JWKS is
 * published where the fake fetches it (a test inside workerd cannot serve the worker's own URL to another process).
 */
export async function oktaFixture(
  options: {
    type?: "okta_api_service" | "okta_api_key";
    grantedScopes?: string[];
    adminRole?: boolean | string[];
    dpopRequired?: boolean;
    alg?: "RS256" | "ES256";
  } = {},
) {
  const idp = await testIdp();
  const org = await orgWithSso(idp);
  const fakeOrg = (await control("/orgs", { json: { dedicatedPort: true } })) as { orgId: string; orgUrl: string };
  let credentialId: string;
  const type = options.type ?? "okta_api_service";
  if (type === "okta_api_service") {
    const clientId = `0oa${crypto.randomUUID().replace(/-/g, "").slice(0, 17)}`;
    const created = await api(`/api/orgs/${org.id}/credentials`, {
      method: "POST",
      headers: BOOTSTRAP,
      json: { type, nickname: "Okta (fake)", orgUrl: fakeOrg.orgUrl, clientId, ...(options.alg ? { alg: options.alg } : {}) },
    });
    if (created.status !== 201) throw new Error(`credential: ${created.status} ${await created.text()}`);
    const credential = (await created.json()) as { id: string; jwksUrl: string };
    credentialId = credential.id;
    await publishJwks(org.id, credential.id, fakeOrg.orgId);
    await control(`/orgs/${fakeOrg.orgId}/clients`, {
      json: {
        clientId,
        jwksUri: `${inject("fakeOktaUrl")}/__fake/documents/${fakeOrg.orgId}-jwks`,
        grantedScopes: options.grantedScopes ?? ALL_SCOPES,
        adminRole: options.adminRole ?? true,
        dpopRequired: options.dpopRequired ?? false,
      },
    });
  } else {
    const { token } = (await control(`/orgs/${fakeOrg.orgId}/api-tokens`, { json: { adminRole: options.adminRole ?? true } })) as { token: string };
    const created = await api(`/api/orgs/${org.id}/credentials`, {
      method: "POST",
      headers: BOOTSTRAP,
      json: { type, nickname: "SSWS (fake)", orgUrl: fakeOrg.orgUrl, token },
    });
    if (created.status !== 201) throw new Error(`credential: ${created.status} ${await created.text()}`);
    credentialId = ((await created.json()) as { id: string }).id;
  }
  const users = (await control(`/orgs/${fakeOrg.orgId}/users`, {
    json: [
      { status: "ACTIVE", profile: { login: "ada@acme.test", email: "ada@acme.test", firstName: "Ada", lastName: "Lovelace" }, factorsEnrolled: 2, groups: [] },
      { status: "SUSPENDED", profile: { login: "sus@acme.test", email: "sus@acme.test", firstName: "Sus", lastName: "Pended" } },
      { status: "LOCKED_OUT", profile: { login: "lock@acme.test", email: "lock@acme.test", firstName: "Lock", lastName: "Ed" } },
      { status: "STAGED", profile: { login: "new@acme.test", email: "new@acme.test", firstName: "New", lastName: "Hire" } },
    ],
  })) as Array<{ id: string; status: string }>;
  return {
    idp,
    org,
    fakeOrg,
    credentialId,
    users: { active: users[0]!.id, suspended: users[1]!.id, locked: users[2]!.id, staged: users[3]!.id },
    /** Calls our proxy as the bootstrap credential (or with `headers`). */
    proxy: (path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}) =>
      api(`/api/orgs/${org.id}/okta${path}`, {
        method: init.method ?? "GET",
        headers: init.headers ?? BOOTSTRAP,
        ...(init.json === undefined ? {} : { json: init.json }),
      }),
    fakeUser: (id: string) => control(`/orgs/${fakeOrg.orgId}/users/${id}`) as Promise<{ status: string; api: Record<string, unknown> }>,
    tokenRequests: () => control(`/orgs/${fakeOrg.orgId}/token-requests`) as Promise<unknown[]>,
    apiRequests: () => control(`/orgs/${fakeOrg.orgId}/api-requests`) as Promise<Array<Record<string, unknown>>>,
    fault: (rule: Record<string, unknown>) => control(`/orgs/${fakeOrg.orgId}/faults`, { json: rule }),
  };
}

/** Publishes the worker's current JWKS for the credential where the fake Okta fetches it. */
export async function publishJwks(orgId: string, credentialId: string, fakeOrgId: string): Promise<void> {
  const jwks = await (await api(`/${orgId}/credentials/${credentialId}/jwks.json`)).json();
  await control(`/documents/${fakeOrgId}-jwks`, { method: "PUT", json: jwks });
}

/**
 * Makes the organization's gate forget what it keeps in memory (credentials, opened keys, tokens), as a restart of
 * its Durable Object would: the next action reads KV again. For tests that change KV behind the worker's back.
 */
export async function restartGate(orgId: string): Promise<void> {
  const stub = env.ORG_STORE.get(env.ORG_STORE.idFromName(orgId));
  await runInDurableObject(stub, (instance: OrgStore) => {
    (instance as unknown as { actions: unknown }).actions = undefined;
  });
}
