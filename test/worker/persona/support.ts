import { inject } from "vitest";
import { controlClient } from "../../support/control-api";
import { oktaFixture } from "../okta/support";
import { api, BOOTSTRAP } from "../support/api";

const fakePersona = controlClient(`${inject("fakePersonaUrl")}/__fake`);

/** Talks to the fake Persona's control API (fakes/persona, started by test/global-setup.ts). */
export function personaControl(path: string, init: { method?: string; json?: unknown } = {}): Promise<any> {
  return fakePersona(init.method ?? (init.json === undefined ? "GET" : "POST"), path, init.json);
}

export type PersonaEnv = { envId: string; baseUrl: string; apiKey: string };

export type RequestLogEntry = {
  method: string;
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  idempotencyKey: string | null;
  body: unknown;
};

/** A fresh fake Persona environment with one API key (all permissions unless `permissions` says otherwise). */
export async function personaEnv(body: Record<string, unknown> = {}): Promise<PersonaEnv> {
  return (await personaControl("/envs", { json: body })) as PersonaEnv;
}

/** Connects an organization of ours to a fake Persona environment (PUT persona as the bootstrap credential). */
export async function connectPersona(orgId: string, env: PersonaEnv, extra: Record<string, unknown> = {}): Promise<void> {
  const response = await api(`/api/orgs/${orgId}/persona`, { method: "PUT", headers: BOOTSTRAP, json: { apiKey: env.apiKey, baseUrl: env.baseUrl, ...extra } });
  if (response.status !== 200) throw new Error(`persona: ${response.status} ${await response.text()}`);
}

export type PersonaFixture = Awaited<ReturnType<typeof personaFixture>>;

/**
 * An organization connected to a fresh fake Okta org (SSWS token: no key generation) with its seeded users, and,
 * unless `connect: false`, to a fresh fake Persona environment; plus helpers to seed Persona and read what it saw.
 */
export async function personaFixture(options: { connect?: boolean; settings?: Record<string, unknown> } = {}) {
  const okta = await oktaFixture({ type: "okta_api_key" });
  const env = await personaEnv();
  if (options.connect !== false) await connectPersona(okta.org.id, env, options.settings);
  const at = (path: string) => `/envs/${env.envId}${path}`;
  return {
    ...okta,
    persona: env,
    seedAccounts: (seeds: unknown[]) => personaControl(at("/accounts"), { json: seeds }) as Promise<Array<{ id: string }>>,
    seedCases: (seeds: unknown[]) => personaControl(at("/cases"), { json: seeds }) as Promise<Array<{ id: string }>>,
    seedInquiries: (seeds: unknown[]) => personaControl(at("/inquiries"), { json: seeds }) as Promise<Array<{ id: string }>>,
    personaCase: (id: string) => personaControl(at(`/cases/${id}`)) as Promise<{ api?: unknown; tags?: string[] } & Record<string, unknown>>,
    personaRequests: () => personaControl(at("/requests")) as Promise<RequestLogEntry[]>,
    personaFault: (rule: Record<string, unknown>) => personaControl(at("/faults"), { json: rule }),
    patchPersonaEnv: (path: string, json: unknown) => personaControl(at(path), { method: "PATCH", json }),
    /** GET …/okta/users/{userId}/context as the bootstrap credential (or with `headers`). */
    context: (userId: string, headers: Record<string, string> = BOOTSTRAP) => api(`/api/orgs/${okta.org.id}/okta/users/${userId}/context`, { headers }),
  };
}

/** Persona API requests to `path` (e.g. `/accounts`) in the fake's log. */
export async function requestsTo(fixture: PersonaFixture, method: string, path: string): Promise<RequestLogEntry[]> {
  return (await fixture.personaRequests()).filter((request) => request.method === method && request.path === path);
}

/** Waits until `check` holds (work the worker finishes after its response, via waitUntil). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
