/**
 * The Cron Trigger (worker/src/index.ts `scheduled`): it refreshes every organization that imported its metadata
 * from a URL, through the real fetch path against the loopback fake IdP, and leaves pasted metadata alone.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import { loadEnv } from "../../../worker/src/env";
import worker from "../../../worker/src/index";
import { refreshAllMetadata } from "../../../worker/src/org/metadata-refresh";
import { api, BOOTSTRAP, createOrg, orgWithSso, testIdp } from "../support/api";
import { stored } from "./support/metadata-refresh";

async function urlOrg(): Promise<string> {
  const org = await createOrg();
  const put = await api(`/api/orgs/${org.id}/sso`, { method: "PUT", headers: BOOTSTRAP, json: { metadataUrl: inject("fakeIdpMetadataUrl") } });
  expect(put.status).toBe(200);
  return org.id;
}

describe("the scheduled handler refreshes URL-imported metadata only", () => {
  it("a cron event refreshes the URL-imported organization and not the pasted one", async () => {
    const fromUrl = await urlOrg();
    const pasted = (await orgWithSso(await testIdp())).id;
    const scheduledTime = Date.now() + 60_000;
    const ctx = createExecutionContext();
    worker.scheduled(createScheduledController({ scheduledTime, cron: "0 */6 * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await stored(fromUrl)).sso?.refresh).toEqual({ pinned: false, lastAt: new Date(scheduledTime).toISOString(), lastResult: "unchanged" });
    expect((await stored(pasted)).sso).toBeUndefined();
  });

  it("refreshAllMetadata counts what it refreshed, by result", async () => {
    await urlOrg();
    const run = await refreshAllMetadata(loadEnv(env), Date.now());
    expect(run.orgs).toBeGreaterThanOrEqual(1);
    expect(run.unchanged).toBe(run.orgs);
  });
});
