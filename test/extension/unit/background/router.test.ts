import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { route } from "../../../../extension/background/router";
import { readSession } from "../../../../extension/background/session-store";
import { ADA, deps, EXTENSION_ID, fakeFetch, senders, signedIn, TOKEN, WORKER } from "./support";

beforeEach(() => {
  fakeBrowser.reset();
});

describe("who may send", () => {
  it("refuses another extension, even with a valid message", async () => {
    await signedIn();
    const reply = await route({ type: "session.get", payload: {} }, { ...senders.options, id: "pppppppppppppppppppppppppppppppp" }, deps());
    expect(reply).toMatchObject({ ok: false, error: { code: "sender_refused" } });
  });

  it("refuses a web page that is not an Okta admin console (our ID, but a foreign URL)", async () => {
    for (const url of ["https://evil.test/", "https://acme.okta.com/app/UserHome", "http://acme-admin.okta.com/admin/users"]) {
      const reply = await route({ type: "session.get", payload: {} }, { ...senders.content, url }, deps());
      expect(reply, url).toMatchObject({ ok: false, error: { code: "sender_refused" } });
    }
  });

  it("refuses a frame inside the console page", async () => {
    const reply = await route({ type: "session.get", payload: {} }, { ...senders.content, frameId: 4 }, deps());
    expect(reply).toMatchObject({ ok: false, error: { code: "sender_refused" } });
  });

  it("refuses another extension's page origin", async () => {
    const reply = await route(
      { type: "settings.get", payload: {} },
      { id: EXTENSION_ID, url: "chrome-extension://pppppppppppppppppppppppppppppppp/x.html" },
      deps(),
    );
    expect(reply).toMatchObject({ ok: false, error: { code: "sender_refused" } });
  });

  it.each(["settings.get", "settings.save", "auth.signIn", "auth.signOut", "worker.health", "api.call"])(
    "answers %s only to the extension's own pages, not to the content script",
    async (type) => {
      await signedIn();
      const reply = await route({ type, payload: {} }, senders.content, deps());
      expect(reply).toMatchObject({ ok: false, error: { code: "sender_refused" } });
    },
  );

  it("answers the content script's overlay messages", async () => {
    await signedIn();
    const reply = await route({ type: "session.get", payload: {} }, senders.content, deps());
    expect(reply).toMatchObject({ ok: true, data: { email: "ada@acme.test", role: "admin", orgId: "acme" } });
  });
});

describe("what may be sent", () => {
  it.each([
    ["no envelope", "session.get"],
    ["an unknown type", { type: "token.get", payload: {} }],
    ["an extra field", { type: "session.get", payload: {}, token: "x" }],
    ["a user ID that is not an Okta user ID", { type: "overlay.context", payload: { userId: "../../api/orgs/other" } }],
    ["an unknown lifecycle action", { type: "overlay.lifecycle", payload: { userId: ADA, action: "delete" } }],
    ["an extra payload field", { type: "overlay.tac", payload: { userId: ADA, ttlMinutes: 999 } }],
  ])("refuses %s", async (_name, message) => {
    await signedIn();
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: {} }));
    const reply = await route(message, senders.content, deps({ fetchImpl }));
    expect(reply).toMatchObject({ ok: false, error: { code: "invalid_message" } });
    expect(calls).toHaveLength(0);
  });

  it.each(["https://evil.test/api/x", "//evil.test/api/x", "/api/../health", "/api/orgs/acme/../../x", "/health", "/api/orgs//x", "/api/x#frag"])(
    "refuses the API path %s",
    async (path) => {
      await signedIn();
      const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: {} }));
      const reply = await route({ type: "api.call", payload: { method: "GET", path } }, senders.options, deps({ fetchImpl }));
      expect(reply).toMatchObject({ ok: false, error: { code: "invalid_message" } });
      expect(calls).toHaveLength(0);
    },
  );
});

describe("the session and its token", () => {
  it("puts the token only on the worker's own origin, without cookies or redirects", async () => {
    await signedIn();
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: { email: "ada@acme.test", role: "admin", orgId: "acme" } }));
    const reply = await route({ type: "api.call", payload: { method: "GET", path: "/api/me" } }, senders.options, deps({ fetchImpl }));
    expect(reply).toMatchObject({ ok: true, data: { status: 200 } });
    expect(calls[0]?.url.href).toBe(`${WORKER}/api/me`);
    expect(new Headers(calls[0]?.init.headers).get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(calls[0]?.init).toMatchObject({ credentials: "omit", redirect: "error" });
  });

  it("never hands the token to a sender", async () => {
    await signedIn();
    const { fetchImpl } = fakeFetch(() => ({ status: 200, body: {} }));
    for (const [type, sender] of [
      ["session.get", senders.content],
      ["session.get", senders.options],
      ["settings.get", senders.options],
    ] as const) {
      const reply = await route({ type, payload: {} }, sender, deps({ fetchImpl }));
      expect(JSON.stringify(reply)).not.toContain(TOKEN);
    }
  });

  it("keeps the token in session storage, which content scripts cannot read, not in local storage", async () => {
    await signedIn();
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toContain(TOKEN);
  });

  it("forgets the token when the worker says the session ended", async () => {
    await signedIn();
    const { fetchImpl } = fakeFetch(() => ({ status: 401, body: { error: { code: "session_expired", message: "expired", requestId: "r1" } } }));
    const reply = await route({ type: "overlay.context", payload: { userId: ADA } }, senders.content, deps({ fetchImpl }));
    expect(reply).toMatchObject({ ok: false, error: { code: "session_expired", status: 401, requestId: "r1" } });
    expect(await readSession()).toBeNull();
  });

  it("keeps the token on an Okta refusal (403 from Okta is not our session ending)", async () => {
    await signedIn();
    const { fetchImpl } = fakeFetch(() => ({
      status: 403,
      body: {
        error: {
          code: "okta_forbidden",
          message: "Okta refused",
          requestId: "r2",
          details: { errorSummary: "You do not have permission", oktaRequestId: "okta-1" },
        },
      },
    }));
    const reply = await route({ type: "overlay.lifecycle", payload: { userId: ADA, action: "suspend" } }, senders.content, deps({ fetchImpl }));
    expect(reply).toMatchObject({
      ok: false,
      error: { code: "okta_forbidden", details: { errorSummary: "You do not have permission", oktaRequestId: "okta-1" } },
    });
    expect(await readSession()).not.toBeNull();
  });

  it("asks for sign-in when there is no session, and for set-up when nothing is saved", async () => {
    const none = await route({ type: "overlay.context", payload: { userId: ADA } }, senders.content, deps());
    expect(none).toMatchObject({ ok: false, error: { code: "not_configured" } });
    await route({ type: "settings.save", payload: { workerUrl: WORKER, orgId: "acme" } }, senders.options, deps());
    const out = await route({ type: "overlay.context", payload: { userId: ADA } }, senders.content, deps());
    expect(out).toMatchObject({ ok: false, error: { code: "not_signed_in" } });
  });

  it("signs out when the worker or organization changes", async () => {
    await signedIn();
    await route({ type: "settings.save", payload: { workerUrl: WORKER, orgId: "other" } }, senders.options, deps());
    expect(await readSession()).toBeNull();
  });

  it("refuses to save a worker the extension has no permission for", async () => {
    const reply = await route(
      { type: "settings.save", payload: { workerUrl: WORKER, orgId: "acme" } },
      senders.options,
      deps({ hasOriginPermission: async () => false }),
    );
    expect(reply).toMatchObject({ ok: false, error: { code: "permission_missing" } });
  });

  it.each(["http://companion.example.test", "javascript:alert(1)", "https://user:pw@companion.example.test"])(
    "refuses the worker URL %s",
    async (workerUrl) => {
      const reply = await route({ type: "settings.save", payload: { workerUrl, orgId: "acme" } }, senders.options, deps());
      expect(reply).toMatchObject({ ok: false, error: { code: "invalid_message" } });
    },
  );

  it("sign-out revokes the session at the worker and forgets it", async () => {
    await signedIn();
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 204 }));
    const reply = await route({ type: "auth.signOut", payload: {} }, senders.options, deps({ fetchImpl }));
    expect(reply).toEqual({ ok: true, data: {} });
    expect(calls.map((call) => `${call.init.method} ${call.url.pathname}`)).toEqual(["POST /api/logout"]);
    expect(await readSession()).toBeNull();
  });

  it("refuses a worker answer of the wrong shape instead of passing it on", async () => {
    await signedIn();
    const { fetchImpl } = fakeFetch(() => ({ status: 200, body: { userId: ADA, injected: "<img src=x onerror=alert(1)>" } }));
    const reply = await route({ type: "overlay.context", payload: { userId: ADA } }, senders.content, deps({ fetchImpl }));
    expect(reply).toMatchObject({ ok: false, error: { code: "bad_response" } });
  });
});
