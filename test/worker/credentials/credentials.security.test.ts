import { beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../../../shared/errors";
import { open } from "../../../worker/src/crypto/secret-box";
import { loadSigningKey } from "../../../worker/src/okta/signing-keys";
import { credentialAad } from "../../../worker/src/storage/credentials";
import { api, BOOTSTRAP, createOrg, errorCode, type orgWithSso } from "../support/api";
import { orgsWithRoleSessions } from "../support/role-sessions";
import { apiServiceBody, clientId, createCredential, ssws, storedApiService, storedRecord, workerKeyRing, writeRecord } from "./support";

type Org = Awaited<ReturnType<typeof orgWithSso>>;
const ORIGIN = { origin: "https://companion.test" };
const FAKE_ID = `cred_${"a".repeat(32)}`;

describe("create: every malformed request is a 400 with a code, and stores nothing", () => {
  const cases: Array<[name: string, body: Record<string, unknown>, code: string]> = [
    ["http org URL (not loopback)", apiServiceBody({ orgUrl: "http://acme.okta.com" }), "okta_org_url_invalid"],
    ["the -admin console host", apiServiceBody({ orgUrl: "https://acme-admin.okta.com" }), "okta_org_url_invalid"],
    ["the -admin subdomain", { ...apiServiceBody(), orgUrl: undefined, subdomain: "acme-admin", server: "okta.com" }, "okta_org_url_invalid"],
    ["both location forms", apiServiceBody({ subdomain: "acme", server: "okta.com" }), "okta_org_url_invalid"],
    ["neither location form", { ...apiServiceBody(), orgUrl: undefined }, "okta_org_url_invalid"],
    ["subdomain without server", { ...apiServiceBody(), orgUrl: undefined, subdomain: "acme" }, "okta_org_url_invalid"],
    ["an org URL with a path (custom authorization server)", apiServiceBody({ orgUrl: "https://acme.okta.com/oauth2/default" }), "okta_org_url_invalid"],
    ["an org URL on a private address", apiServiceBody({ orgUrl: "https://10.1.2.3" }), "okta_org_url_invalid"],
    ["an org URL with user info", apiServiceBody({ orgUrl: "https://acme.okta.com@evil.example" }), "okta_org_url_invalid"],
    ["an unknown server", { ...apiServiceBody(), orgUrl: undefined, subdomain: "acme", server: "evil.example" }, "invalid_request"],
    ["an unknown type", apiServiceBody({ type: "okta_password" }), "invalid_request"],
    ["a malformed client ID", apiServiceBody({ clientId: "0oa 1;drop" }), "invalid_request"],
    ["a too short client ID", apiServiceBody({ clientId: "0oa1" }), "invalid_request"],
    ["an unsupported algorithm", apiServiceBody({ alg: "HS256" }), "invalid_request"],
    ["a caller-supplied private key", apiServiceBody({ privateKey: "-----BEGIN PRIVATE KEY-----" }), "invalid_request"],
    ["an empty nickname", apiServiceBody({ nickname: "   " }), "invalid_request"],
    ["an API token credential without a token", { type: "okta_api_key", nickname: "x", orgUrl: "https://acme.okta.com" }, "invalid_request"],
    [
      "an API token with spaces",
      { type: "okta_api_key", nickname: "x", orgUrl: "https://acme.okta.com", token: "00 this is not a token at all" },
      "invalid_request",
    ],
    [
      "a client ID on an API token credential",
      { type: "okta_api_key", nickname: "x", orgUrl: "https://acme.okta.com", token: ssws(), clientId: clientId() },
      "invalid_request",
    ],
  ];

  it.each(cases)("%s → 400 %s", async (_name, body, code) => {
    const org = await createOrg();
    const response = await api(`/api/orgs/${org.id}/credentials`, { method: "POST", headers: BOOTSTRAP, json: body });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe(code);
    const list = (await (await api(`/api/orgs/${org.id}/credentials`, { headers: BOOTSTRAP })).json()) as { credentials: unknown[] };
    expect(list.credentials).toEqual([]);
  });

  it("the -admin refusal names the org domain to use instead", async () => {
    const org = await createOrg();
    const response = await api(`/api/orgs/${org.id}/credentials`, {
      method: "POST",
      headers: BOOTSTRAP,
      json: apiServiceBody({ orgUrl: "https://acme-admin.okta.com" }),
    });
    const body = (await response.json()) as { error: { details?: { suggestion?: string } } };
    expect(body.error.details?.suggestion).toBe("https://acme.okta.com");
  });

  it("an unknown organization is 404 org_not_found, also for the bootstrap credential", async () => {
    const response = await api("/api/orgs/no-such-org-x/credentials", { method: "POST", headers: BOOTSTRAP, json: apiServiceBody() });
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe("org_not_found");
  });
});

describe("sealed values are bound to their record (AAD)", () => {
  it("a private key copied into another credential's record does not load there: decryption_failed", async () => {
    const org = await createOrg();
    const victim = await createCredential(org.id, apiServiceBody({ alg: "ES256" }));
    const attacker = await createCredential(org.id, apiServiceBody({ alg: "ES256" }));
    const stolen = (await storedApiService(org.id, victim.id)).keys[0]!;
    const target = await storedApiService(org.id, attacker.id);
    await writeRecord({ ...target, keys: [stolen] });
    const failure = await loadSigningKey(await storedApiService(org.id, attacker.id), workerKeyRing()).catch((error: unknown) => error);
    expect(isAppError(failure, "decryption_failed")).toBe(true);
    // the original still works: the failure is the binding, not a broken key
    expect((await loadSigningKey(await storedApiService(org.id, victim.id), workerKeyRing())).kid).toBe(stolen.kid);
  });

  it("an API token sealed for one organization does not open as another organization's", async () => {
    const [a, b] = [await createOrg(), await createOrg()];
    const token = ssws();
    const created = await createCredential(a.id, { type: "okta_api_key", nickname: "SSWS", orgUrl: "https://acme.okta.com", token });
    const record = await storedRecord(a.id, created.id);
    if (record.type !== "okta_api_key") throw new Error("unexpected type");
    expect(await open(record.token, credentialAad.token(record), workerKeyRing(), record.orgUrl)).toBe(token);
    const moved = await open(record.token, credentialAad.token({ orgId: b.id, id: created.id, orgUrl: record.orgUrl }), workerKeyRing(), record.orgUrl).catch(
      (error: unknown) => error,
    );
    expect(isAppError(moved, "decryption_failed")).toBe(true);
    const relabelled = await open({ ...record.token, v: 1 }, credentialAad.token(record), workerKeyRing()).catch((error: unknown) => error);
    expect(isAppError(relabelled, "decryption_failed")).toBe(true);
    const unknownVersion = await open({ ...record.token, v: 7 }, credentialAad.token(record), workerKeyRing()).catch((error: unknown) => error);
    expect(isAppError(unknownVersion, "encryption_key_unknown")).toBe(true);
  });
});

type Route = { method: string; path: (org: string, id: string, kid: string) => string; body?: unknown };

/** Every credential route under an organization (all admin only). */
const ROUTES: Route[] = [
  { method: "GET", path: (o) => `/api/orgs/${o}/credentials` },
  { method: "POST", path: (o) => `/api/orgs/${o}/credentials`, body: apiServiceBody() },
  { method: "GET", path: (o, id) => `/api/orgs/${o}/credentials/${id}` },
  { method: "DELETE", path: (o, id) => `/api/orgs/${o}/credentials/${id}` },
  { method: "POST", path: (o, id) => `/api/orgs/${o}/credentials/${id}/keys` },
  { method: "POST", path: (o, id, kid) => `/api/orgs/${o}/credentials/${id}/keys/${kid}/activate?force=true` },
  { method: "DELETE", path: (o, id, kid) => `/api/orgs/${o}/credentials/${id}/keys/${kid}?force=true` },
];

describe("credential routes: authentication, role and tenant checks", () => {
  let org: Org;
  let other: Org;
  let credentialId: string;
  let kid: string;
  let otherCredentialId: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    const sessions = await orgsWithRoleSessions();
    ({ org, other } = sessions);
    Object.assign(cookies, sessions.cookies);
    const created = await createCredential(org.id, apiServiceBody({ alg: "ES256" }));
    credentialId = created.id;
    kid = created.keys![0]!.kid;
    otherCredentialId = (await createCredential(other.id, apiServiceBody({ alg: "ES256" }))).id;
  });

  const call = (route: Route, orgId: string, headers: Record<string, string>, body: unknown = route.body, id = credentialId) =>
    api(route.path(orgId, id, kid), {
      method: route.method,
      headers: { ...headers, ...(route.method === "GET" ? {} : ORIGIN) },
      ...(body === undefined ? {} : { json: body }),
    });

  for (const route of ROUTES) {
    const name = `${route.method} ${route.path("{org}", "{id}", "{kid}")}`;

    it(`${name}: no credentials → 401 unauthenticated, before the body is read`, async () => {
      const response = await call(route, org.id, {}, route.method === "GET" ? undefined : { not: "valid" });
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe("unauthenticated");
    });

    for (const role of ["viewer", "operator"] as const) {
      it(`${name}: ${role} of the organization → 403 forbidden`, async () => {
        const response = await call(route, org.id, { cookie: cookies[role]! });
        expect(response.status).toBe(403);
        expect(await errorCode(response)).toBe("forbidden");
      });
    }

    it(`${name}: admin of another organization → 404 org_not_found`, async () => {
      const response = await call(route, org.id, { cookie: cookies.otherAdmin! });
      expect(response.status).toBe(404);
      expect(await errorCode(response)).toBe("org_not_found");
    });

    if (route.method !== "GET") {
      it(`${name}: a cookie-authenticated write without our Origin → 403 csrf_rejected`, async () => {
        const response = await api(route.path(org.id, credentialId, kid), {
          method: route.method,
          headers: { cookie: cookies.admin! },
          ...(route.body === undefined ? {} : { json: route.body }),
        });
        expect(response.status).toBe(403);
        expect(await errorCode(response)).toBe("csrf_rejected");
      });
    }
  }

  it("another organization's credential ID under one's own organization → 404 credential_not_found, and it survives", async () => {
    for (const route of ROUTES.filter((r) => r.path("o", "ID", "k").includes("ID"))) {
      const response = await call(route, org.id, { cookie: cookies.admin! }, route.body, otherCredentialId);
      expect(response.status, route.method + route.path("o", "ID", "k")).toBe(404);
      expect(await errorCode(response)).toBe("credential_not_found");
    }
    expect((await api(`/api/orgs/${other.id}/credentials/${otherCredentialId}`, { headers: BOOTSTRAP })).status).toBe(200);
  });

  it("an unknown or malformed credential ID → 404 credential_not_found", async () => {
    for (const id of [FAKE_ID, "cred_../../org:x", "nope"]) {
      const response = await api(`/api/orgs/${org.id}/credentials/${encodeURIComponent(id)}`, { headers: { cookie: cookies.admin! } });
      expect(response.status, id).toBe(404);
      expect(await errorCode(response)).toBe("credential_not_found");
    }
  });

  it("the organization's admin (cookie + Origin) can create, list and rotate; no secret in any answer", async () => {
    const token = ssws();
    const created = await createCredential(
      org.id,
      { type: "okta_api_key", nickname: "by admin", orgUrl: "https://acme.okta.com", token },
      { cookie: cookies.admin!, ...ORIGIN },
    );
    const list = await api(`/api/orgs/${org.id}/credentials`, { headers: { cookie: cookies.admin! } });
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).toContain(created.id);
    expect(text).not.toContain(token);
    const added = await api(`/api/orgs/${org.id}/credentials/${credentialId}/keys`, { method: "POST", headers: { cookie: cookies.admin!, ...ORIGIN } });
    expect(added.status).toBe(201);
  });

  it("POST /api/credentials/reseal is for the platform bootstrap credential only", async () => {
    const anonymous = await api("/api/credentials/reseal", { method: "POST" });
    expect(anonymous.status).toBe(401);
    const admin = await api("/api/credentials/reseal", { method: "POST", headers: { cookie: cookies.admin!, ...ORIGIN } });
    expect(admin.status).toBe(403);
    expect(await errorCode(admin)).toBe("forbidden");
  });

  it("the public JWKS needs no authentication and ignores a session of another organization", async () => {
    const response = await api(`/${org.id}/credentials/${credentialId}/jwks.json`, { headers: { cookie: cookies.otherAdmin! } });
    expect(response.status).toBe(200);
    const cross = await api(`/${other.id}/credentials/${credentialId}/jwks.json`);
    expect(cross.status).toBe(404);
  });
});
