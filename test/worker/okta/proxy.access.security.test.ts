/** Okta proxy security: authentication, role and tenant checks on every route, before anything reaches Okta. */
import { beforeAll, describe, expect, it } from "vitest";
import { OKTA_ACTIONS } from "../../../shared/okta-actions";
import { roleAtLeast } from "../../../shared/roles";
import { api, BOOTSTRAP, errorCode, orgWithSso, provision, signIn } from "../support/api";
import { call, latestAudit, ORIGIN, ROLES, ROUTES, type Target, upstreamCount } from "../support/role-matrix";
import { control, type OktaFixture, oktaFixture } from "./support";

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

  for (const route of ROUTES.filter((candidate) => candidate.suite === "okta")) {
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
