import { env, runInDurableObject } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, inject, it, type MockInstance, vi } from "vitest";
import { isAppError } from "../../../shared/errors";
import { type LifecycleAction, OKTA_ACTIONS, type OktaAction } from "../../../shared/okta-actions";
import { type Role, roleAtLeast } from "../../../shared/roles";
import { RateLimitBook } from "../../../worker/src/net/rate-limit-book";
import { callOkta, type OktaConnection } from "../../../worker/src/okta/call-okta";
import { api, BOOTSTRAP, createOrg, errorCode, orgWithSso, provision, signIn, testIdp } from "../support/api";
import { ALL_SCOPES, control, type OktaFixture, oktaFixture } from "./support";

const ORIGIN = { origin: "https://companion.test" };
const ROLES = ["viewer", "operator", "admin"] as const;

/** What a route names: our organization and the Okta objects in its path. */
type Target = { org: string; user: string; authenticator: string; credential: string; apiKey: string };

type Route = {
  name: string;
  method: "GET" | "POST" | "DELETE";
  path: (t: Target) => string;
  body?: unknown;
  /** The least role allowed, stated here independently of the catalog (a test checks that the catalog agrees). */
  minRole: Role;
  /** For proxied Okta actions: the catalog action (audited) and the Okta operation an allowed call ends in. */
  okta?: { action: OktaAction; operationId: string; targetsUser: boolean };
};

const LIFECYCLE: Array<[LifecycleAction, Role, string]> = [
  ["activate", "admin", "activateUser"],
  ["deactivate", "admin", "deactivateUser"],
  ["reactivate", "admin", "reactivateUser"],
  ["reset_factors", "operator", "resetFactors"],
  ["suspend", "operator", "suspendUser"],
  ["unsuspend", "operator", "unsuspendUser"],
  ["unlock", "operator", "unlockUser"],
];

const proxy = (t: Target) => `/api/orgs/${t.org}/okta`;
const ROUTES: Route[] = [
  {
    name: "GET okta/users",
    method: "GET",
    path: (t) => `${proxy(t)}/users?q=ada`,
    minRole: "viewer",
    okta: { action: "search", operationId: "listUsers", targetsUser: false },
  },
  {
    name: "GET okta/users/{id}",
    method: "GET",
    path: (t) => `${proxy(t)}/users/${t.user}`,
    minRole: "viewer",
    okta: { action: "retrieve", operationId: "getUser", targetsUser: true },
  },
  {
    name: "POST okta/users/{id}",
    method: "POST",
    path: (t) => `${proxy(t)}/users/${t.user}`,
    body: { profile: { title: "Analyst" } },
    minRole: "admin",
    okta: { action: "update", operationId: "updateUser", targetsUser: true },
  },
  {
    name: "GET okta/users/{id}/groups",
    method: "GET",
    path: (t) => `${proxy(t)}/users/${t.user}/groups`,
    minRole: "viewer",
    okta: { action: "list_groups", operationId: "listUserGroups", targetsUser: true },
  },
  ...LIFECYCLE.map(
    ([action, minRole, operationId]): Route => ({
      name: `POST okta/users/{id}/lifecycle/${action}`,
      method: "POST",
      path: (t) => `${proxy(t)}/users/${t.user}/lifecycle/${action}`,
      minRole,
      okta: { action, operationId, targetsUser: true },
    }),
  ),
  {
    name: "GET okta/authenticators",
    method: "GET",
    path: (t) => `${proxy(t)}/authenticators`,
    minRole: "viewer",
    okta: { action: "list_authenticators", operationId: "listAuthenticators", targetsUser: false },
  },
  {
    name: "GET okta/authenticators/{id}",
    method: "GET",
    path: (t) => `${proxy(t)}/authenticators/${t.authenticator}`,
    minRole: "viewer",
    okta: { action: "get_authenticator", operationId: "getAuthenticator", targetsUser: false },
  },
  {
    name: "POST okta/users/{id}/temporary-access-code",
    method: "POST",
    path: (t) => `${proxy(t)}/users/${t.user}/temporary-access-code`,
    body: { ttlMinutes: 60 },
    minRole: "operator",
    okta: { action: "temporary_access_code", operationId: "createTacAuthenticatorEnrollment", targetsUser: true },
  },
  { name: "GET audit", method: "GET", path: (t) => `/api/orgs/${t.org}/audit`, minRole: "operator" },
  { name: "POST credentials/{id}/test", method: "POST", path: (t) => `/api/orgs/${t.org}/credentials/${t.credential}/test`, minRole: "admin" },
  { name: "GET api-keys", method: "GET", path: (t) => `/api/orgs/${t.org}/api-keys`, minRole: "admin" },
  { name: "POST api-keys", method: "POST", path: (t) => `/api/orgs/${t.org}/api-keys`, body: { name: "ci", role: "viewer" }, minRole: "admin" },
  { name: "DELETE api-keys/{id}", method: "DELETE", path: (t) => `/api/orgs/${t.org}/api-keys/${t.apiKey}`, minRole: "admin" },
];

function call(route: Route, t: Target, headers: Record<string, string>, options: { body?: unknown; query?: string } = {}): Promise<Response> {
  let path = route.path(t);
  if (options.query) path += `${path.includes("?") ? "&" : "?"}${options.query}`;
  const body = "body" in options ? options.body : route.body;
  return api(path, { method: route.method, headers: { ...headers, ...(route.method === "GET" ? {} : ORIGIN) }, ...(body === undefined ? {} : { json: body }) });
}

/** Everything the fake Okta org has seen: Management API requests plus token requests. */
async function upstreamCount(okta: OktaFixture): Promise<number> {
  const [requests, tokens] = await Promise.all([okta.apiRequests(), okta.tokenRequests()]);
  return requests.length + tokens.length;
}

async function latestAudit(orgId: string): Promise<Record<string, unknown> | undefined> {
  const body = (await (await api(`/api/orgs/${orgId}/audit?limit=1`, { headers: BOOTSTRAP })).json()) as { entries: Array<Record<string, unknown>> };
  return body.entries[0];
}

describe("every Okta proxy, audit, credential-test and API-key route: authentication, role and tenant checks", () => {
  let okta: OktaFixture;
  let target: Target;
  let other: Awaited<ReturnType<typeof orgWithSso>>;
  const cookies: Record<string, string> = {};
  const email = (role: string) => `${role}@proxy-sec.example`;

  beforeAll(async () => {
    okta = await oktaFixture();
    other = await orgWithSso(okta.idp);
    for (const role of ROLES) {
      await provision(okta.org.id, email(role), role);
      cookies[role] = await signIn(okta.idp, okta.org, email(role));
    }
    await provision(other.id, "admin@other.example", "admin");
    cookies.otherAdmin = await signIn(okta.idp, other, "admin@other.example");
    const authenticators = (await control(`/orgs/${okta.fakeOrg.orgId}/authenticators`)) as Array<{ id: string; key: string }>;
    const created = await api(`/api/orgs/${okta.org.id}/api-keys`, { method: "POST", headers: BOOTSTRAP, json: { name: "to revoke", role: "viewer" } });
    expect(created.status).toBe(201);
    target = {
      org: okta.org.id,
      user: okta.users.active,
      authenticator: authenticators.find((item) => item.key === "tac")!.id,
      credential: okta.credentialId,
      apiKey: ((await created.json()) as { id: string }).id,
    };
  });

  it("the catalog states the same role for each action as this suite, and every catalogued action is covered", () => {
    const covered = ROUTES.flatMap((route) => (route.okta ? [route.okta.action] : []));
    expect(new Set(covered)).toEqual(new Set(Object.keys(OKTA_ACTIONS)));
    for (const route of ROUTES) if (route.okta) expect(OKTA_ACTIONS[route.okta.action].role, route.name).toBe(route.minRole);
  });

  for (const route of ROUTES) {
    it(`${route.name}: no credentials → 401 unauthenticated (before the body is read), nothing sent to Okta`, async () => {
      const before = await upstreamCount(okta);
      const response = await call(route, target, {}, route.method === "POST" ? { body: { bogus: true } } : {});
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe("unauthenticated");
      expect(await upstreamCount(okta)).toBe(before);
    });

    it(`${route.name}: wrong bearer token → 401 unauthenticated, nothing sent to Okta`, async () => {
      const before = await upstreamCount(okta);
      const response = await call(route, target, { authorization: "Bearer not-the-token-0000000000000000000000" });
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe("unauthenticated");
      expect(await upstreamCount(okta)).toBe(before);
    });

    for (const role of ROLES) {
      if (roleAtLeast(role, route.minRole)) {
        it(`${route.name}: ${role} is allowed (${route.okta ? "the call reaches Okta" : "2xx"})`, async () => {
          const seen = (await okta.apiRequests()).length;
          const response = await call(route, target, { cookie: cookies[role]! });
          if (route.okta) {
            // Okta may still refuse (the user's state changes along the suite); our gate must not.
            if (response.status >= 400) expect(await errorCode(response)).toMatch(/^okta_/);
            const operations = (await okta.apiRequests()).slice(seen).map((request) => request.operationId);
            expect(operations).toContain(route.okta.operationId);
          } else {
            expect([200, 201, 204]).toContain(response.status);
          }
        });
      } else {
        it(`${route.name}: ${role} → 403 forbidden, nothing sent to Okta${route.okta ? ", refusal audited" : ""}`, async () => {
          const before = await upstreamCount(okta);
          const response = await call(route, target, { cookie: cookies[role]! });
          expect(response.status).toBe(403);
          expect(await errorCode(response)).toBe("forbidden");
          expect(await upstreamCount(okta)).toBe(before);
          if (route.okta) {
            expect(await latestAudit(okta.org.id)).toMatchObject({
              action: route.okta.action,
              actor: { kind: "user", label: email(role) },
              role,
              result: "refused",
              status: 403,
              errorCode: "forbidden",
              targetUserId: route.okta.targetsUser ? target.user : null,
              credentialId: null,
            });
          }
        });
      }
    }

    it(`${route.name}: admin of another organization → 404 org_not_found, nothing sent to Okta`, async () => {
      const before = await upstreamCount(okta);
      const response = await call(route, target, { cookie: cookies.otherAdmin! });
      expect(response.status).toBe(404);
      expect(await errorCode(response)).toBe("org_not_found");
      expect(await upstreamCount(okta)).toBe(before);
    });

    if (route.okta || route.name.startsWith("POST credentials")) {
      it(`${route.name}: another organization's admin naming this organization's credential in their own → 404 credential_not_found`, async () => {
        const before = await upstreamCount(okta);
        const theirs = { ...target, org: other.id };
        const response = route.okta
          ? await call(route, theirs, { cookie: cookies.otherAdmin! }, { query: `credentialId=${okta.credentialId}` })
          : await call(route, theirs, { cookie: cookies.otherAdmin! });
        expect(response.status).toBe(404);
        expect(await errorCode(response)).toBe("credential_not_found");
        expect(await upstreamCount(okta)).toBe(before);
      });
    }
  }

  it("the role is checked before the body: a viewer's malformed update is 403 forbidden, not 400", async () => {
    const response = await api(`/api/orgs/${okta.org.id}/okta/users/${okta.users.active}`, {
      method: "POST",
      headers: { cookie: cookies.viewer!, ...ORIGIN, "content-type": "application/json" },
      body: '{"credentials": {"password": ',
    });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe("forbidden");
  });

  it("an unauthenticated update with malformed JSON is 401, not 400", async () => {
    const response = await api(`/api/orgs/${okta.org.id}/okta/users/${okta.users.active}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"credentials": {"password": ',
    });
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe("unauthenticated");
  });
});

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

describe("path injection: a user ID cannot reach another Okta path", () => {
  let okta: OktaFixture;
  beforeAll(async () => {
    okta = await oktaFixture({ type: "okta_api_key" });
  });

  /** Each route taking a user ID, and the Okta paths it may request (its own, plus the TAC route's authenticator lookup). */
  const SHAPES = [
    { name: "retrieve", method: "GET", suffix: "", okta: "" },
    { name: "update", method: "POST", suffix: "", okta: "", json: { profile: { title: "x" } } },
    { name: "list_groups", method: "GET", suffix: "/groups", okta: "/groups" },
    { name: "suspend", method: "POST", suffix: "/lifecycle/suspend", okta: "/lifecycle/suspend" },
    { name: "temporary_access_code", method: "POST", suffix: "/temporary-access-code", okta: "/authenticator-enrollments/tac", json: {} },
  ] as const;

  /** As written in our URL; the worker sees them percent-decoded once. */
  const IDS = [
    "..%2F..%2Fauthenticators",
    "..%2Fgroups",
    "x%2F..%2F..%2Fauthenticators",
    "%2E%2E%2F%2E%2E%2Fauthenticators",
    "..%5C..%5Cauthenticators",
    "ada%40acme.test%3Flimit%3D200%26search%3Dx",
    "ada%40acme.test%23fragment",
    "%252E%252E%252Fauthenticators",
    "..%3F",
    "..%252F..%252Fgroups",
  ];

  for (const shape of SHAPES) {
    it(`${shape.name}: every crafted user ID is refused (400) or sent as one encoded path segment, never another path or query`, async () => {
      let forwarded = 0;
      for (const raw of IDS) {
        const decoded = decodeURIComponent(raw);
        const seen = (await okta.apiRequests()).length;
        const response = await okta.proxy(`/users/${raw}${shape.suffix}`, { method: shape.method, ...("json" in shape ? { json: shape.json } : {}) });
        const requests = (await okta.apiRequests()).slice(seen);
        const userPath = `/api/v1/users/${encodeURIComponent(decoded)}${shape.okta}`;
        for (const request of requests) {
          expect({ raw, path: request.path, query: request.query }).toEqual({
            raw,
            path: shape.name === "temporary_access_code" && request.path === "/api/v1/authenticators" ? "/api/v1/authenticators" : userPath,
            query: "",
          });
        }
        if (response.status === 400 && (await errorCode(response.clone())) === "invalid_request") {
          expect(
            requests.filter((request) => request.path !== "/api/v1/authenticators"),
            raw,
          ).toEqual([]);
        } else {
          expect(
            requests.filter((request) => request.path === userPath),
            raw,
          ).toHaveLength(1);
          forwarded++;
        }
        if (/[/\\]/.test(decoded)) expect(response.status, raw).toBe(400);
      }
      // The TAC route takes Okta IDs only; the others forward any login that has no slash.
      expect(forwarded).toBe(shape.name === "temporary_access_code" ? 0 : IDS.filter((raw) => !/[/\\]/.test(decodeURIComponent(raw))).length);
    });
  }

  it("a user ID that is a dot segment ('.' or '..') is refused before any request: fetch would resolve it to another path", async () => {
    const fetch = vi.fn(async () => new Response("{}", { status: 200 }));
    const connection: OktaConnection = {
      credentialId: "cred_test",
      orgUrl: "https://acme.okta.com",
      adminConsoleHost: "acme-admin.okta.com",
      auth: () => ({ kind: "ssws", token: "00test" }),
      rateLimits: new RateLimitBook(),
    };
    for (const userId of [".", ".."]) {
      for (const action of ["retrieve", "list_groups", "suspend", "update"] as const) {
        const failure = await callOkta(connection, action, { params: { userId } }, { fetch, nowMs: Date.now, attemptTimeoutMs: 1000 }).catch(
          (error: unknown) => error,
        );
        expect(isAppError(failure, "invalid_request"), `${action} ${userId}`).toBe(true);
      }
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
