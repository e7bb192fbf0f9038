import { beforeAll, describe, expect, it } from "vitest";
import { roleAtLeast } from "../../../shared/roles";
import { api, BOOTSTRAP, errorCode, type orgWithSso } from "../support/api";
import { call, ORIGIN, ROLES, ROUTES, type Target } from "../support/role-matrix";
import { orgsWithRoleSessions } from "../support/role-sessions";

type Org = Awaited<ReturnType<typeof orgWithSso>>;

/** Unknown targets: an allowed call gets past authorization and changes nothing real. */
const target = (org: string): Target => ({ org, user: "usr_missing", authenticator: "aut_missing", credential: "cred_missing", apiKey: "key_missing" });
const CONFIG_ROUTES = ROUTES.filter((route) => route.suite === "config");
/** What an allowed call may still answer: its own refusal of the harmless body or unknown target, never an access one. */
const PAST_AUTHORIZATION = [200, 201, 204, 400, 404, 409];
const ACCESS_CODES = ["unauthenticated", "session_expired", "forbidden", "org_not_found", "csrf_rejected"];

describe("every organization route: authentication, role and tenant checks", () => {
  let org: Org;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    const sessions = await orgsWithRoleSessions();
    ({ org } = sessions);
    Object.assign(cookies, sessions.cookies);
  });

  for (const route of CONFIG_ROUTES) {
    const name = route.name;

    it(`${name}: no credentials → 401 unauthenticated, checked before the body`, async () => {
      const response = await call(route, target(org.id), {}, route.body === undefined ? {} : { body: { not: "valid" } });
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe("unauthenticated");
    });

    it(`${name}: wrong bearer token → 401 unauthenticated`, async () => {
      const response = await call(route, target(org.id), { authorization: "Bearer not-the-token-0000000000000000000000" });
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe("unauthenticated");
    });

    it(`${name}: revoked or forged session cookie → 401 session_expired`, async () => {
      const response = await call(route, target(org.id), { cookie: `__Host-poc_session=${org.id}.${"A".repeat(43)}` });
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe("session_expired");
    });

    for (const role of ROLES) {
      if (roleAtLeast(role, route.minRole)) continue;
      it(`${name}: ${role} of the organization → 403 forbidden`, async () => {
        const response = await call(route, target(org.id), { cookie: cookies[role]! });
        expect(response.status).toBe(403);
        expect(await errorCode(response)).toBe("forbidden");
      });
    }

    it(`${name}: admin of another organization → 404 org_not_found (no cross-tenant access, no existence oracle)`, async () => {
      const response = await call(route, target(org.id), { cookie: cookies.otherAdmin! });
      expect(response.status).toBe(404);
      expect(await errorCode(response)).toBe("org_not_found");
    });

    it(`${name}: every role from ${route.minRole} up, and the bootstrap credential, get past authorization`, async () => {
      const allowed = ROLES.filter((role) => roleAtLeast(role, route.minRole)).map((role) => ({ cookie: cookies[role]! }));
      for (const headers of [...allowed, BOOTSTRAP]) {
        const response = await call(route, target(org.id), headers);
        expect(PAST_AUTHORIZATION).toContain(response.status);
        if (response.status >= 400) expect(ACCESS_CODES).not.toContain(await errorCode(response));
      }
    });
  }

  it("POST /api/orgs is for the bootstrap credential only: an org admin gets 403, nobody gets 401", async () => {
    const body = { name: "Sneaky" };
    const anonymous = await api("/api/orgs", { method: "POST", json: body });
    expect(anonymous.status).toBe(401);
    const admin = await api("/api/orgs", { method: "POST", headers: { cookie: cookies.admin!, ...ORIGIN }, json: body });
    expect(admin.status).toBe(403);
    expect(await errorCode(admin)).toBe("forbidden");
    // Checked before the body: a malformed one tells a caller without the credential nothing about the schema.
    const malformed = { name: "" };
    expect((await api("/api/orgs", { method: "POST", json: malformed })).status).toBe(401);
    expect(await errorCode(await api("/api/orgs", { method: "POST", headers: { cookie: cookies.admin!, ...ORIGIN }, json: malformed }))).toBe("forbidden");
  });

  it("cookie-authenticated writes need our own Origin: missing or foreign → 403 csrf_rejected", async () => {
    for (const origin of [undefined, "https://evil.example"]) {
      const response = await api(`/api/orgs/${org.id}`, {
        method: "PATCH",
        headers: { cookie: cookies.admin!, ...(origin ? { origin } : {}) },
        json: { defaultRole: "admin" },
      });
      expect(response.status).toBe(403);
      expect(await errorCode(response)).toBe("csrf_rejected");
    }
    const settings = (await (await api(`/api/orgs/${org.id}`, { headers: BOOTSTRAP })).json()) as { defaultRole: string };
    expect(settings.defaultRole).toBe("viewer");
  });

  it("GET /api/me needs a session; the bootstrap credential is not a user", async () => {
    expect((await api("/api/me")).status).toBe(401);
    const bootstrap = await api("/api/me", { headers: BOOTSTRAP });
    expect(bootstrap.status).toBe(403);
    const viewer = await api("/api/me", { headers: { cookie: cookies.viewer! } });
    expect(await viewer.json()).toEqual({ email: "viewer@example.com", role: "viewer", orgId: org.id });
  });
});
