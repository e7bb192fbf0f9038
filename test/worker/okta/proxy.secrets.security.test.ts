/** Okta proxy security: no secret (password, token, TAC, API key) leaks into responses, console, KV or the audit log. */
import { env, runInDurableObject } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, inject, it, type MockInstance, vi } from "vitest";
import { api, BOOTSTRAP, createOrg, errorCode, orgWithSso, testIdp } from "../support/api";
import { ALL_SCOPES, control } from "./support";

type Seen = { label: string; text: string };

type Secret = { name: string; value: string; allowedIn?: string };

describe("secrets never leak: not in responses, console, KV or the audit log", () => {
  const PASSWORD = `Pw-${crypto.randomUUID()}`;
  const ANSWER = `answer-${crypto.randomUUID()}`;
  const SSWS = `00${crypto.randomUUID().replaceAll("-", "")}Ssws`;
  const CANARY = `console-canary-${crypto.randomUUID()}`;
  const responses: Seen[] = [];
  const tacs: Secret[] = [];
  const consoleLines: string[] = [];
  let apiKey: Secret;
  let fakeOrg: { orgId: string; orgUrl: string };
  let orgIds: string[] = [];
  let tokenSuffixes: string[] = [];
  let fetchSpy: MockInstance<typeof fetch>;
  const consoleSpies = (["log", "info", "warn", "error", "debug"] as const).map((method) => vi.spyOn(console, method));

  /** Calls the worker and keeps the status, every header and the body for the scan. */
  async function call(label: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const response = await api(path, init);
    const text = await response.clone().text();
    responses.push({ label, text: `${response.status}\n${[...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n\n${text}` });
    return response;
  }

  beforeAll(async () => {
    fetchSpy = vi.spyOn(globalThis, "fetch");
    const idp = await testIdp();
    const serviceOrg = await orgWithSso(idp);
    const sswsOrg = await createOrg();
    orgIds = [serviceOrg.id, sswsOrg.id];
    fakeOrg = (await control("/orgs", { json: { dedicatedPort: true } })) as { orgId: string; orgUrl: string };
    const [active, staged] = (await control(`/orgs/${fakeOrg.orgId}/users`, {
      json: [
        { status: "ACTIVE", profile: { login: "ada@acme.test", email: "ada@acme.test", firstName: "Ada", lastName: "Lovelace" }, factorsEnrolled: 1 },
        { status: "STAGED", profile: { login: "new@acme.test", email: "new@acme.test", firstName: "New", lastName: "Hire" } },
      ],
    })) as Array<{ id: string }>;

    // An API token credential whose SSWS token the test knows.
    await control(`/orgs/${fakeOrg.orgId}/api-tokens`, { json: { token: SSWS } });
    const ssws = await call("create SSWS credential", `/api/orgs/${sswsOrg.id}/credentials`, {
      method: "POST",
      headers: BOOTSTRAP,
      json: { type: "okta_api_key", nickname: "SSWS", orgUrl: fakeOrg.orgUrl, token: SSWS },
    });
    expect(ssws.status).toBe(201);
    const sswsId = ((await ssws.json()) as { id: string }).id;

    // An API Service credential (worker-made private keys), registered with the fake Okta by its public JWKS.
    const clientId = `0oa${crypto.randomUUID().replace(/-/g, "").slice(0, 17)}`;
    const service = await call("create API Service credential", `/api/orgs/${serviceOrg.id}/credentials`, {
      method: "POST",
      headers: BOOTSTRAP,
      json: { type: "okta_api_service", nickname: "Service", orgUrl: fakeOrg.orgUrl, clientId },
    });
    expect(service.status).toBe(201);
    const serviceId = ((await service.json()) as { id: string }).id;
    const jwks = await (await call("JWKS", `/${serviceOrg.id}/credentials/${serviceId}/jwks.json`)).json();
    await control(`/documents/${fakeOrg.orgId}-jwks`, { method: "PUT", json: jwks });
    await control(`/orgs/${fakeOrg.orgId}/clients`, {
      json: { clientId, jwksUri: `${inject("fakeOktaUrl")}/__fake/documents/${fakeOrg.orgId}-jwks`, grantedScopes: ALL_SCOPES, adminRole: true },
    });
    // A second API Service credential that Okta does not know: its token requests fail.
    const unknown = await call("create unknown API Service credential", `/api/orgs/${serviceOrg.id}/credentials`, {
      method: "POST",
      headers: BOOTSTRAP,
      json: { type: "okta_api_service", nickname: "Unknown", orgUrl: fakeOrg.orgUrl, clientId: `0oa${crypto.randomUUID().replace(/-/g, "").slice(0, 17)}` },
    });
    const unknownId = ((await unknown.json()) as { id: string }).id;

    for (const [org, credentialId] of [
      [serviceOrg.id, serviceId],
      [sswsOrg.id, sswsId],
    ] as const) {
      const base = `/api/orgs/${org}/okta`;
      const q = `?credentialId=${credentialId}`;
      const json = (body: unknown) => ({ method: "POST", headers: BOOTSTRAP, json: body });
      const raw = (body: string) => ({ method: "POST", headers: { ...BOOTSTRAP, "content-type": "application/json" }, body });
      expect((await call(`${org} retrieve`, `${base}/users/${active!.id}${q}`, { headers: BOOTSTRAP })).status).toBe(200);
      const updated = await call(
        `${org} update with password and recovery answer`,
        `${base}/users/${active!.id}${q}`,
        json({ profile: { title: "Analyst" }, credentials: { password: { value: PASSWORD }, recovery_question: { question: "First pet?", answer: ANSWER } } }),
      );
      expect(updated.status).toBe(200);
      // Failing calls that carry the secrets: our validation, a JSON syntax error, and Okta's own refusal.
      expect(
        (await call(`${org} update, invalid body`, `${base}/users/${active!.id}${q}`, json({ credentials: { password: { value: PASSWORD, hint: ANSWER } } })))
          .status,
      ).toBe(400);
      expect(
        (await call(`${org} update, broken JSON`, `${base}/users/${active!.id}${q}`, raw(`{"credentials":{"password":{"value":"${PASSWORD}"`))).status,
      ).toBe(400);
      const oktaRefused = await call(
        `${org} update refused by Okta`,
        `${base}/users/${active!.id}${q}`,
        json({
          profile: { email: "not an email" },
          credentials: { password: { value: PASSWORD }, recovery_question: { question: "First pet?", answer: ANSWER } },
        }),
      );
      expect(oktaRefused.status).toBe(400);
      expect(await errorCode(oktaRefused.clone())).toBe("okta_bad_request");
      const label = `${org} create TAC`;
      const tac = await call(label, `${base}/users/${active!.id}/temporary-access-code${q}`, json({ ttlMinutes: 60 }));
      expect(tac.status).toBe(200);
      tacs.push({ name: "TAC code", value: ((await tac.json()) as { code: string }).code, allowedIn: label });
      expect((await call(`${org} suspend staged`, `${base}/users/${staged!.id}/lifecycle/suspend${q}`, { method: "POST", headers: BOOTSTRAP })).status).toBe(
        400,
      );
      expect((await call(`${org} unknown user`, `${base}/users/00u00000000000000zzz${q}`, { headers: BOOTSTRAP })).status).toBe(404);
      await control(`/orgs/${fakeOrg.orgId}/faults`, { json: { kind: "500", count: 1, pathPrefix: "/api/v1/users", method: "POST" } });
      expect((await call(`${org} suspend on a 500`, `${base}/users/${active!.id}/lifecycle/suspend${q}`, { method: "POST", headers: BOOTSTRAP })).status).toBe(
        502,
      );
      expect((await call(`${org} credential test`, `/api/orgs/${org}/credentials/${credentialId}/test`, { method: "POST", headers: BOOTSTRAP })).status).toBe(
        200,
      );
      await call(`${org} credentials`, `/api/orgs/${org}/credentials`, { headers: BOOTSTRAP });
      await call(`${org} credential`, `/api/orgs/${org}/credentials/${credentialId}`, { headers: BOOTSTRAP });
      await call(`${org} log`, `/api/orgs/${org}/log`, { headers: BOOTSTRAP });
    }
    const rejected = await call("unknown client", `/api/orgs/${serviceOrg.id}/okta/users/${active!.id}?credentialId=${unknownId}`, { headers: BOOTSTRAP });
    expect(rejected.status).toBe(424);
    expect((await call("unknown client test", `/api/orgs/${serviceOrg.id}/credentials/${unknownId}/test`, { method: "POST", headers: BOOTSTRAP })).status).toBe(
      200,
    );

    // An org API key: shown to its creator once, then used.
    const keyLabel = "create API key";
    const created = await call(keyLabel, `/api/orgs/${serviceOrg.id}/api-keys`, { method: "POST", headers: BOOTSTRAP, json: { name: "ci", role: "operator" } });
    apiKey = { name: "org API key", value: ((await created.json()) as { key: string }).key, allowedIn: keyLabel };
    const bearer = { authorization: `Bearer ${apiKey.value}` };
    expect((await call("API key use", `/api/orgs/${serviceOrg.id}/okta/users/${active!.id}?credentialId=${serviceId}`, { headers: bearer })).status).toBe(200);
    await call("API key list", `/api/orgs/${serviceOrg.id}/api-keys`, { headers: BOOTSTRAP });
    for (const org of orgIds) await call(`${org} audit`, `/api/orgs/${org}/audit?limit=200`, { headers: BOOTSTRAP });

    console.log(CANARY);
    tokenSuffixes = ((await control(`/orgs/${fakeOrg.orgId}/tokens`)) as Array<{ tokenSuffix: string }>).map((token) => token.tokenSuffix);
    for (const spy of consoleSpies) {
      for (const args of spy.mock.calls)
        consoleLines.push(args.map((arg) => (typeof arg === "string" ? arg : arg instanceof Error ? `${arg.message}\n${arg.stack}` : safeJson(arg))).join(" "));
    }
  });

  afterAll(() => {
    for (const spy of consoleSpies) spy.mockRestore();
    fetchSpy.mockRestore();
  });

  const secrets = (): Secret[] => [
    { name: "SSWS token", value: SSWS },
    ...tokenSuffixes.map((suffix) => ({ name: `access token ending ${suffix}`, value: suffix })),
    { name: "password", value: PASSWORD },
    { name: "recovery answer", value: ANSWER },
    ...tacs,
    apiKey,
    { name: "a private JWK member", value: '"d":' },
    { name: "PEM private key", value: "PRIVATE KEY" },
  ];

  function leaks(texts: Seen[]): string[] {
    return texts.flatMap(({ label, text }) =>
      secrets()
        .filter((secret) => secret.allowedIn !== label && text.includes(secret.value))
        .map((secret) => `${secret.name} in ${label}`),
    );
  }

  it("the run exercised every secret: Okta stored the password, tokens were issued, each TAC and key came back once", async () => {
    const user = (await control(`/orgs/${fakeOrg.orgId}/users/ada@acme.test`)) as { passwordValue?: string };
    expect(user.passwordValue).toBe(PASSWORD);
    expect(tokenSuffixes.length).toBeGreaterThanOrEqual(2);
    expect(tacs).toHaveLength(2);
    for (const secret of [...tacs, apiKey]) {
      expect(secret.value.length).toBeGreaterThanOrEqual(8);
      expect(responses.find((seen) => seen.label === secret.allowedIn)?.text).toContain(secret.value);
    }
    // The scan sees the SSWS token and the password where they legitimately are (so a leak could be found).
    expect(leaks([{ label: "probe", text: `${SSWS} ${PASSWORD}` }])).toEqual(["SSWS token in probe", "password in probe"]);
  });

  it("no response body or header carries a secret (a TAC or an API key only in the response that created it)", () => {
    expect(responses.length).toBeGreaterThan(30);
    expect(leaks(responses)).toEqual([]);
  });

  it("no console line carries a secret (the worker runs in this isolate: the spied globals are the worker's)", () => {
    // The worker called Okta through the spied global fetch, so its console is the spied console as well.
    const workerCalls = fetchSpy.mock.calls.filter(([input]) => String(input instanceof Request ? input.url : input).startsWith(`${fakeOrg.orgUrl}/api/v1/`));
    expect(workerCalls.length).toBeGreaterThan(0);
    expect(consoleLines.some((line) => line.includes(CANARY))).toBe(true);
    expect(leaks(consoleLines.map((text, index) => ({ label: `console line ${index}`, text })))).toEqual([]);
  });

  it("no KV value (or key, or metadata) carries a secret", async () => {
    const entries: Seen[] = [];
    let cursor: string | undefined;
    do {
      const page: KVNamespaceListResult<unknown> = await env.CONFIG.list(cursor === undefined ? {} : { cursor });
      for (const key of page.keys)
        entries.push({ label: `kv ${key.name}`, text: `${key.name}\n${JSON.stringify(key.metadata ?? null)}\n${await env.CONFIG.get(key.name)}` });
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor !== undefined);
    expect(entries.filter((entry) => orgIds.some((org) => entry.label.includes(org))).length).toBeGreaterThanOrEqual(4);
    expect(leaks(entries)).toEqual([]);
  });

  it("no audit entry, nor any other row of the organizations' Durable Objects, carries a secret", async () => {
    const rows: Seen[] = [];
    for (const org of orgIds) {
      const stub = env.ORG_STORE.get(env.ORG_STORE.idFromName(org));
      rows.push(
        ...(await runInDurableObject(stub, (_instance, state) =>
          state.storage.sql
            .exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE '_cf%'")
            .toArray()
            .map((table) => ({
              label: `${org} table ${String(table.name)}`,
              text: JSON.stringify(state.storage.sql.exec(`SELECT * FROM "${String(table.name)}"`).toArray()),
            })),
        )),
      );
    }
    const audit = rows.filter((row) => row.label.endsWith("table audit"));
    expect(audit).toHaveLength(2);
    for (const table of audit) expect(JSON.parse(table.text).length).toBeGreaterThanOrEqual(8);
    expect(leaks(rows)).toEqual([]);
  });
});

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
