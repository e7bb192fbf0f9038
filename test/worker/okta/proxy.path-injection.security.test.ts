/** Okta proxy security: a user ID cannot reach another Okta path. */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { isAppError } from "../../../shared/errors";
import { RateLimitBook } from "../../../worker/src/net/rate-limit-book";
import { callOkta, type OktaConnection } from "../../../worker/src/okta/call-okta";
import { errorCode } from "../support/api";
import { type OktaFixture, oktaFixture } from "./support";

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
