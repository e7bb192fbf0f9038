/**
 * The two HTML pages the ACS answers: a refused sign-in is served under the worker pages' no-script policy, and
 * the extension hand-off, which carries a one-time code, under its own stricter one; neither is cached.
 */
import { describe, expect, it } from "vitest";
import { chromeExtensionId, extensionLoginParams, pkcePair, registerExtensions, startExtensionLogin } from "../extension/support";
import { orgWithSso, postAcs, testIdp, validFor } from "../support/api";

const PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function expectPagePolicy(response: Response): void {
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  expect(response.headers.get("content-security-policy")).toBe(PAGE_POLICY);
  expect(response.headers.get("cache-control")).toBe("no-store");
}

describe("ACS pages", () => {
  it("a refused sign-in shown to a browser has the pages' policy", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const wrongAudience = await idp.samlResponse(validFor(org, { audience: "https://elsewhere.test/metadata" }));
    const response = await postAcs(org.id, wrongAudience, undefined, { accept: "text/html" });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expectPagePolicy(response);
    expect(await response.text()).not.toMatch(/<script/i);
  });

  it("the extension hand-off page keeps its stricter policy (not even a stylesheet) and is never cached", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const extensionId = chromeExtensionId();
    await registerExtensions(org.id, [extensionId]);
    const { challenge } = await pkcePair();
    const requestId = await startExtensionLogin(org.id, extensionLoginParams(extensionId, challenge));
    const response = await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId })));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
