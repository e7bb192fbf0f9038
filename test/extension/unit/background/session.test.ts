import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { ReplyFailure } from "../../../../extension/background/reply-failure";
import { route } from "../../../../extension/background/router";
import { lockSessionStorage, readSession, writeSession, writeSettings } from "../../../../extension/background/session-store";
import { callWorker } from "../../../../extension/background/worker-client";
import { ADA, deps, fakeFetch, senders, signedIn, TOKEN, WORKER } from "./support";

const context = { type: "overlay.context", payload: { userId: ADA } };

beforeEach(() => {
  fakeBrowser.reset();
});

describe("when the stored token is used", () => {
  it("not after its expiry: it is forgotten and never sent", async () => {
    await writeSettings({ workerUrl: WORKER, orgId: "acme" });
    await writeSession({
      token: TOKEN,
      expiresAt: new Date(Date.now() - 1_000).toISOString(),
      email: "ada@acme.test",
      role: "admin",
      orgId: "acme",
      workerUrl: WORKER,
    });
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: {} }));
    expect(await route(context, senders.content, deps({ fetchImpl }))).toMatchObject({ ok: false, error: { code: "not_signed_in" } });
    expect(calls).toHaveLength(0);
    expect(await readSession()).toBeNull();
  });

  it.each([
    ["another worker", { workerUrl: "https://other.example.test", orgId: "acme" }],
    ["another organization", { workerUrl: WORKER, orgId: "other" }],
  ])("not for %s than the one that issued it", async (_name, settings) => {
    await signedIn();
    await writeSettings(settings); // changed underneath, not through settings.save (which would sign out)
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: {} }));
    expect(await route(context, senders.content, deps({ fetchImpl }))).toMatchObject({ ok: false, error: { code: "not_signed_in" } });
    expect(await route({ type: "session.get", payload: {} }, senders.content, deps({ fetchImpl }))).toEqual({ ok: true, data: null });
    expect(calls).toHaveLength(0);
  });

  it("not once the worker's host permission is withdrawn", async () => {
    await signedIn();
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: {} }));
    const reply = await route(context, senders.content, deps({ fetchImpl, hasOriginPermission: async () => false }));
    expect(reply).toMatchObject({ ok: false, error: { code: "permission_missing" } });
    expect(calls).toHaveLength(0);
  });
});

describe("callWorker", () => {
  it.each(["//evil.test/api/me", "https://evil.test/api/me", "http://companion.example.test/api/me"])(
    "refuses a path that would leave the worker's origin (%s), before any request",
    async (path) => {
      const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: {} }));
      const call = callWorker({ workerUrl: WORKER, token: TOKEN, method: "GET", path, fetchImpl });
      await expect(call).rejects.toBeInstanceOf(ReplyFailure);
      await expect(call).rejects.toMatchObject({ error: { code: "invalid_message" } });
      expect(calls).toHaveLength(0);
    },
  );
});

describe("session storage", () => {
  it("is locked to the extension's trusted contexts at start", async () => {
    const setAccessLevel = vi.fn(async () => undefined);
    Object.assign(fakeBrowser.storage.session, { setAccessLevel });
    await lockSessionStorage();
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: "TRUSTED_CONTEXTS" });
  });
});
