/**
 * A refused sign-in shown to a browser is served under the worker pages' no-script policy and never cached. (The
 * extension hand-off page's own stricter policy is checked on every extension sign-in: codeFromRedirect in
 * test/worker/extension/support.ts.)
 */
import { describe, expect, it } from "vitest";
import { orgWithSso, postAcs, testIdp, validFor } from "../support/api";

const PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

describe("ACS refusal page", () => {
  it("a refused sign-in shown to a browser has the pages' policy", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const wrongAudience = await idp.samlResponse(validFor(org, { audience: "https://elsewhere.test/metadata" }));
    const response = await postAcs(org.id, wrongAudience, undefined, { accept: "text/html" });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-security-policy")).toBe(PAGE_POLICY);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).not.toMatch(/<script/i);
  });
});
