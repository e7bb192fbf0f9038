import { beforeAll, describe, expect, it } from "vitest";
import { api, BOOTSTRAP, errorCode, type orgWithSso } from "../support/api";
import { orgsWithRoleSessions } from "../support/role-sessions";

type Org = Awaited<ReturnType<typeof orgWithSso>>;
type Route = { method: string; path: (org: string) => string; body?: unknown; minRole: "admin" | "viewer" };

/** Every organization-scoped API route, with the least role it needs (all admin today: configuration and users). */
const ORG_ROUTES: Route[] = [
  { method: "GET", path: (o) => `/api/orgs/${o}`, minRole: "admin" },
  { method: "PATCH", path: (o) => `/api/orgs/${o}`, body: { defaultRole: "viewer" }, minRole: "admin" },
  { method: "GET", path: (o) => `/api/orgs/${o}/sso`, minRole: "admin" },
  { method: "PUT", path: (o) => `/api/orgs/${o}/sso`, body: { metadataXml: "<x/>" }, minRole: "admin" },
  { method: "GET", path: (o) => `/api/orgs/${o}/users`, minRole: "admin" },
  { method: "POST", path: (o) => `/api/orgs/${o}/users`, body: { email: "new@example.com", role: "viewer" }, minRole: "admin" },
  { method: "PATCH", path: (o) => `/api/orgs/${o}/users/usr_missing`, body: { role: "viewer" }, minRole: "admin" },
  { method: "GET", path: (o) => `/api/orgs/${o}/log`, minRole: "admin" },
];

const ORIGIN = { origin: "https://companion.test" };
const call = (route: Route, org: string, headers: Record<string, string>, body: unknown = route.body) =>
  api(route.path(org), {
    method: route.method,
    headers: { ...headers, ...(route.method === "GET" ? {} : ORIGIN) },
    ...(body === undefined ? {} : { json: body }),
  });

describe("every organization route: authentication, role and tenant checks", () => {
  let org: Org;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    const sessions = await orgsWithRoleSessions();
    ({ org } = sessions);
    Object.assign(cookies, sessions.cookies);
  });

  for (const route of ORG_ROUTES) {
    const name = `${route.method} ${route.path("{org}")}`;

    it(`${name}: no credentials → 401 unauthenticated, checked before the body`, async () => {
      const response = await call(route, org.id, {}, route.body === undefined ? undefined : { not: "valid" });
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe("unauthenticated");
    });

    it(`${name}: wrong bearer token → 401 unauthenticated`, async () => {
      const response = await call(route, org.id, { authorization: "Bearer not-the-token-0000000000000000000000" });
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe("unauthenticated");
    });

    it(`${name}: revoked or forged session cookie → 401 session_expired`, async () => {
      const response = await call(route, org.id, { cookie: `__Host-poc_session=${org.id}.${"A".repeat(43)}` });
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe("session_expired");
    });

    for (const role of ["viewer", "operator"] as const) {
      it(`${name}: ${role} of the organization → 403 forbidden`, async () => {
        const response = await call(route, org.id, { cookie: cookies[role]! });
        expect(response.status).toBe(403);
        expect(await errorCode(response)).toBe("forbidden");
      });
    }

    it(`${name}: admin of another organization → 404 org_not_found (no cross-tenant access, no existence oracle)`, async () => {
      const response = await call(route, org.id, { cookie: cookies.otherAdmin! });
      expect(response.status).toBe(404);
      expect(await errorCode(response)).toBe("org_not_found");
    });

    it(`${name}: the organization's admin and the bootstrap credential get past authorization`, async () => {
      for (const headers of [{ cookie: cookies.admin! }, BOOTSTRAP]) {
        const response = await call(route, org.id, headers);
        expect([200, 201, 400, 404, 409]).toContain(response.status);
        if (response.status >= 400) expect(["invalid_request", "metadata_invalid", "user_not_found", "user_exists"]).toContain(await errorCode(response));
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
