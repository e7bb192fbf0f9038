/**
 * `GET /`, the front door: what this is, its version and its health, for a browser (HTML under the pages' strict
 * policy) or a monitor (JSON). It is public, so it must name no organization and show no configured value.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ServiceSummarySchema } from "../../../shared/front-door";
import { WORKER_VERSION } from "../../../worker/src/version";
import { api, createOrg } from "../support/api";

const HTML = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const JSON_ONLY = { accept: "application/json" };

/** The pages' policy, written out: no script source at all, styles from this origin only, no framing. */
const PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

async function allKvKeys(): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.CONFIG.list(cursor ? { cursor } : {});
    names.push(...page.keys.map((key) => key.name));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return names.sort();
}

describe("GET / for a browser", () => {
  it("shows what this is, the version and both storage checks as reachable", async () => {
    const response = await api("/", { headers: HTML });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain("Persona Okta Companion");
    expect(page).toContain(`<code id="version">${WORKER_VERSION}</code>`);
    expect(page.match(/data-check="ok"/g)).toHaveLength(2);
    expect(page).not.toContain('data-check="unreachable"');
  });

  it("links the API reference and the raw document, and names the setup, deploy and extension guides", async () => {
    const page = await (await api("/", { headers: HTML })).text();
    expect(page).toContain('href="/docs/api"');
    expect(page).toContain('href="/openapi.json"');
    for (const guide of ["README.md#quick-start", "docs/deploy.md", "docs/extension.md"]) expect(page).toContain(guide);
  });

  it("names no organization: an existing one's ID and name appear nowhere", async () => {
    const org = await createOrg({ name: "Front Door Secretive Corp" });
    const page = await (await api("/", { headers: HTML })).text();
    expect(page).not.toContain(org.id);
    expect(page).not.toContain("Front Door Secretive Corp");
    const json = await (await api("/", { headers: JSON_ONLY })).text();
    expect(json).not.toContain(org.id);
  });

  it("shows configuration as yes/no only: no secret's value reaches the page", async () => {
    const page = await (await api("/", { headers: HTML })).text();
    expect(page).not.toContain(env.ADMIN_BOOTSTRAP_TOKEN);
    for (const key of String(env.ENCRYPTION_KEYS).split(",")) expect(page).not.toContain(key.slice(3));
    // The test environment has both development switches on: the page says so.
    expect(page).toContain("Development switches");
    expect(page).toContain("ALLOW_LOOPBACK_UPSTREAMS");
  });

  it("is served under the pages' policy: no script, no inline style, no framing, not cached, varies by Accept", async () => {
    const response = await api("/", { headers: HTML });
    expect(response.headers.get("content-security-policy")).toBe(PAGE_POLICY);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("vary")).toMatch(/accept/i);
    const page = await response.text();
    expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  it("its stylesheet is a same-origin file, as the policy's style-src 'self' requires", async () => {
    const page = await (await api("/", { headers: HTML })).text();
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page)?.[1];
    expect(href).toMatch(/^\/static\/pages\.css\?v=/);
    const css = await api(href!);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await css.text()).toContain("font:16px/1.5 system-ui");
  });

  it("writes nothing: the KV namespace holds the same keys before and after", async () => {
    await createOrg();
    const before = await allKvKeys();
    expect((await api("/", { headers: HTML })).status).toBe(200);
    expect((await api("/", { headers: JSON_ONLY })).status).toBe(200);
    expect(await allKvKeys()).toEqual(before);
  });
});

describe("GET / for a monitor (Accept: application/json)", () => {
  it("answers the summary: version, both checks ok, booleans for configuration, the links", async () => {
    const response = await api("/", { headers: JSON_ONLY });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const summary = ServiceSummarySchema.parse(await response.json());
    expect(summary).toEqual({
      service: "persona-okta-companion",
      version: WORKER_VERSION,
      ok: true,
      checks: { kv: "ok", durableObjects: "ok" },
      configuration: { encryptionKeys: true, fixedPublicBaseUrl: false },
      development: { loopbackUpstreams: true, checkAnswers: true },
      links: expect.objectContaining({ apiReference: "/docs/api", openapi: "/openapi.json", health: "/health" }),
    });
  });

  it("a client that lists text/html gets the page, even when it lists JSON too", async () => {
    const response = await api("/", { headers: { accept: "application/json, text/html" } });
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const curl = await api("/", { headers: { accept: "*/*" } });
    expect(curl.headers.get("content-type")).toMatch(/^text\/html/);
  });
});
