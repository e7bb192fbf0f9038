/**
 * `GET /docs/api`: Scalar's reference of `/openapi.json`, under a policy that allows exactly what the page needs.
 * Scripts run only with this response's nonce (not "anything on the CDN": the CDN serves every npm package), the
 * bundle is pinned, and nothing but this origin can be fetched.
 */
import { describe, expect, it } from "vitest";
import { api } from "../support/api";

const BUNDLE = "https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.76.0";

/** The whole policy, written out: a change to it must change this test. */
const policyFor = (nonce: string) =>
  [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    `style-src-elem 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");

async function reference() {
  const response = await api("/docs/api");
  const csp = response.headers.get("content-security-policy") ?? "";
  const nonce = /script-src 'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp)?.[1] ?? "";
  return { response, csp, nonce, page: await response.text() };
}

describe("GET /docs/api: the API reference page", () => {
  it("renders /openapi.json with Scalar, from the pinned bundle", async () => {
    const { response, page } = await reference();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page).toMatch(/"url": "\/openapi\.json"/);
    expect(page).toContain(`<script src="${BUNDLE}"`);
    expect(page).toContain("Scalar.createApiReference('#app'");
    expect((await api("/openapi.json")).status).toBe(200);
  });

  it("is served with exactly the policy it needs, with a fresh nonce", async () => {
    const { csp, nonce } = await reference();
    expect(nonce.length).toBeGreaterThanOrEqual(22);
    expect(csp).toBe(policyFor(nonce));
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|https:|cdn\.jsdelivr\.net|\*)/);
    expect((await reference()).nonce).not.toBe(nonce);
  });

  it("every script and style element carries the response's nonce, and the bundle can read it for what it injects", async () => {
    const { page, nonce } = await reference();
    const scripts = [...page.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    const styles = [...page.matchAll(/<style\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBe(2);
    for (const tag of [...scripts, ...styles]) expect(tag).toContain(` nonce="${nonce}"`);
    expect(page).toContain(`<meta property="csp-nonce" content="${nonce}" />`);
  });

  it("asks Scalar not to call home: no default fonts, no telemetry, no agent", async () => {
    const { page } = await reference();
    expect(page).toMatch(/"withDefaultFonts": false/);
    expect(page).toMatch(/"telemetry": false/);
    expect(page).toMatch(/"agent": \{\s*"disabled": true\s*\}/);
    expect(page).not.toContain("fonts.scalar.com");
  });

  it("cannot be framed, and is not cached (the nonce is per response)", async () => {
    const { response } = await reference();
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
