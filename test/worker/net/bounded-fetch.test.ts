/**
 * boundedFetch (worker/src/net/bounded-fetch.ts), the guard every Okta and Persona call goes through: no redirect is
 * ever followed, and a failure is reported in the service's own codes with fixed text.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "../../../shared/errors";
import { boundedFetch, type UpstreamFailures } from "../../../worker/src/net/bounded-fetch";

const OKTA: UpstreamFailures = { service: "Okta", timeout: "okta_timeout", unavailable: "okta_unavailable" };
const PERSONA: UpstreamFailures = { service: "Persona", timeout: "persona_timeout", unavailable: "persona_unavailable" };
const ambient = (fetch: typeof globalThis.fetch, attemptTimeoutMs = 1000) => ({ fetch, nowMs: Date.now, attemptTimeoutMs });

async function failureOf(run: Promise<unknown>): Promise<{ code: string; message: string; details: unknown }> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  const { code, message, details } = error as AppError;
  return { code, message, details };
}

describe("boundedFetch: redirects", () => {
  it("never follows a redirect: the token must reach only the configured host", async () => {
    const seen: RequestInit[] = [];
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      seen.push(init);
      return new Response(null, { status: 302, headers: { location: "https://evil.example/steal" } });
    }) as unknown as typeof fetch;
    const response = await boundedFetch(
      "https://acme.okta.com/api/v1/users/x",
      { method: "GET", headers: { authorization: "SSWS secret" } },
      Date.now() + 5000,
      ambient(fakeFetch),
      OKTA,
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
    await boundedFetch("https://acme.okta.com/x", { method: "GET", redirect: "follow" }, Date.now() + 5000, ambient(fakeFetch), OKTA);
    expect(redirect).toBe("manual");
  });
});

describe("boundedFetch: failures speak the service's codes, in fixed words", () => {
  const raw = "connect ECONNREFUSED 10.20.30.40:8443 (tls: internal-okta-proxy.corp.example)";
  const refusing = (async () => {
    throw new TypeError(raw);
  }) as unknown as typeof fetch;
  const hanging = ((_url: string, init: RequestInit) =>
    new Promise((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(new Error("aborted"))))) as unknown as typeof fetch;

  it.each([
    ["Okta", OKTA, { code: "okta_unavailable", message: "Okta could not be reached", details: undefined }],
    ["Persona", PERSONA, { code: "persona_unavailable", message: "Persona could not be reached", details: undefined }],
  ])("a network failure at %s: the runtime's message never reaches the caller", async (_service, failures, expected) => {
    expect(await failureOf(boundedFetch("https://upstream.example/x", { method: "GET" }, Date.now() + 5000, ambient(refusing), failures))).toEqual(expected);
  });

  it.each([
    ["Okta", OKTA, "okta_timeout"],
    ["Persona", PERSONA, "persona_timeout"],
  ])("a hang at %s ends at the attempt timeout as its timeout code", async (_service, failures, code) => {
    expect((await failureOf(boundedFetch("https://upstream.example/x", { method: "GET" }, Date.now() + 5000, ambient(hanging, 50), failures))).code).toBe(code);
  });
});
