import { describe, expect, it } from "vitest";
import { AppError } from "../../../shared/errors";
import { fetchWithTimeout } from "../../../worker/src/okta/upstream";

describe("fetchWithTimeout: the guard every Okta and Persona call goes through", () => {
  it("never follows a redirect: the token must reach only the configured host", async () => {
    const seen: RequestInit[] = [];
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      seen.push(init);
      return new Response(null, { status: 302, headers: { location: "https://evil.example/steal" } });
    }) as unknown as typeof fetch;
    const response = await fetchWithTimeout(
      "https://acme.okta.com/api/v1/users/x",
      { method: "GET", headers: { authorization: "SSWS secret" } },
      Date.now() + 5000,
      {
        fetch: fakeFetch,
        nowMs: Date.now,
        attemptTimeoutMs: 1000,
      },
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]!.redirect).toBe("manual");
    expect(response.status).toBe(302);
  });

  it("a caller cannot switch redirects back on: the guard is applied after the caller's options", async () => {
    let redirect: RequestRedirect | undefined;
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      redirect = init.redirect;
      return new Response("{}", { status: 200 });
    }) as unknown as typeof fetch;
    await fetchWithTimeout("https://acme.okta.com/x", { method: "GET", redirect: "follow" }, Date.now() + 5000, {
      fetch: fakeFetch,
      nowMs: Date.now,
      attemptTimeoutMs: 1000,
    });
    expect(redirect).toBe("manual");
  });

  it("a network failure is okta_unavailable with fixed text: the runtime's message never reaches the caller", async () => {
    const raw = "connect ECONNREFUSED 10.20.30.40:8443 (tls: internal-okta-proxy.corp.example)";
    const fakeFetch = (async () => {
      throw new TypeError(raw);
    }) as unknown as typeof fetch;
    const failure = await fetchWithTimeout("https://acme.okta.com/api/v1/users/x", { method: "GET" }, Date.now() + 5000, {
      fetch: fakeFetch,
      nowMs: Date.now,
      attemptTimeoutMs: 1000,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    const { code, message, details } = failure as AppError;
    expect({ code, message, details }).toEqual({ code: "okta_unavailable", message: "Okta could not be reached", details: undefined });
    expect(JSON.stringify(failure)).not.toContain("10.20.30.40");
  });
});
