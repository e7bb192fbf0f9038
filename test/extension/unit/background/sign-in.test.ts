import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { route } from "../../../../extension/background/router";
import { readSession, writeSettings } from "../../../../extension/background/session-store";
import { deps, EXTENSION_ID, fakeFetch, senders, WORKER } from "./support";

const REDIRECT = `https://${EXTENSION_ID}.chromiumapp.org/auth`;
const CODE = "c".repeat(43);

beforeEach(async () => {
  fakeBrowser.reset();
  await writeSettings({ workerUrl: WORKER, orgId: "acme" });
});

function tokenAnswer(orgId = "acme") {
  return {
    status: 200,
    body: { token: "poc_s_acme_t", expiresAt: new Date(Date.now() + 3_600_000).toISOString(), email: "ada@acme.test", role: "admin", orgId },
  };
}

describe("sign-in with the organization's SSO", () => {
  it("opens /<org>/login with the extension, redirect URI and an S256 challenge, then exchanges the code with its verifier", async () => {
    let opened: URL | undefined;
    const { fetchImpl, calls } = fakeFetch(() => tokenAnswer());
    const reply = await route(
      { type: "auth.signIn", payload: {} },
      senders.options,
      deps({
        fetchImpl,
        launchWebAuthFlow: async ({ url, interactive }) => {
          opened = new URL(url);
          expect(interactive).toBe(true);
          return `${REDIRECT}?code=${CODE}`;
        },
      }),
    );
    expect(reply).toMatchObject({ ok: true, data: { email: "ada@acme.test", role: "admin", orgId: "acme", workerUrl: WORKER } });
    expect(JSON.stringify(reply)).not.toContain("poc_s_acme_t");
    expect(opened?.origin + opened!.pathname).toBe(`${WORKER}/acme/login`);
    expect(opened?.searchParams.get("extension")).toBe(EXTENSION_ID);
    expect(opened?.searchParams.get("redirect_uri")).toBe(REDIRECT);
    expect(opened?.searchParams.get("code_challenge_method")).toBe("S256");

    const exchange = calls[0]!;
    expect(`${exchange.init.method} ${exchange.url.href}`).toBe(`POST ${WORKER}/api/extension/token`);
    const body = JSON.parse(String(exchange.init.body)) as { code: string; code_verifier: string; redirect_uri: string; orgId: string };
    expect(body).toMatchObject({ code: CODE, redirect_uri: REDIRECT, orgId: "acme" });
    // The verifier sent is the one whose S256 digest was the challenge: RFC 7636 §4.2.
    expect(createHash("sha256").update(body.code_verifier).digest("base64url")).toBe(opened?.searchParams.get("code_challenge"));
    expect((await readSession())?.token).toBe("poc_s_acme_t");
  });

  it("uses a fresh verifier every time", async () => {
    const challenges: string[] = [];
    const { fetchImpl } = fakeFetch(() => tokenAnswer());
    const launch = async ({ url }: { url: string }) => {
      challenges.push(new URL(url).searchParams.get("code_challenge")!);
      return `${REDIRECT}?code=${CODE}`;
    };
    await route({ type: "auth.signIn", payload: {} }, senders.options, deps({ fetchImpl, launchWebAuthFlow: launch }));
    await route({ type: "auth.signIn", payload: {} }, senders.options, deps({ fetchImpl, launchWebAuthFlow: launch }));
    expect(challenges[0]).not.toBe(challenges[1]);
  });

  it.each([
    ["another host", `https://evil.test/auth?code=${CODE}`],
    ["another path", `https://${EXTENSION_ID}.chromiumapp.org/other?code=${CODE}`],
    ["no code", `${REDIRECT}?error=access_denied`],
    ["a malformed code", `${REDIRECT}?code=${"c".repeat(42)}!`],
  ])("refuses a redirect to %s and exchanges nothing", async (_name, landing) => {
    const { fetchImpl, calls } = fakeFetch(() => tokenAnswer());
    const reply = await route({ type: "auth.signIn", payload: {} }, senders.options, deps({ fetchImpl, launchWebAuthFlow: async () => landing }));
    expect(reply).toMatchObject({ ok: false, error: { code: "sign_in_failed" } });
    expect(calls).toHaveLength(0);
    expect(await readSession()).toBeNull();
  });

  it("reports a closed window as cancelled", async () => {
    const reply = await route(
      { type: "auth.signIn", payload: {} },
      senders.options,
      deps({
        launchWebAuthFlow: async () => {
          throw new Error("The user did not approve access.");
        },
      }),
    );
    expect(reply).toMatchObject({ ok: false, error: { code: "sign_in_cancelled" } });
  });

  it("refuses a token for another organization", async () => {
    const { fetchImpl } = fakeFetch(() => tokenAnswer("other"));
    const reply = await route(
      { type: "auth.signIn", payload: {} },
      senders.options,
      deps({ fetchImpl, launchWebAuthFlow: async () => `${REDIRECT}?code=${CODE}` }),
    );
    expect(reply).toMatchObject({ ok: false, error: { code: "sign_in_failed" } });
    expect(await readSession()).toBeNull();
  });

  it("passes on the worker's refusal of the code", async () => {
    const { fetchImpl } = fakeFetch(() => ({
      status: 400,
      body: { error: { code: "extension_code_invalid", message: "unknown or used code", requestId: "r9" } },
    }));
    const reply = await route(
      { type: "auth.signIn", payload: {} },
      senders.options,
      deps({ fetchImpl, launchWebAuthFlow: async () => `${REDIRECT}?code=${CODE}` }),
    );
    expect(reply).toMatchObject({ ok: false, error: { code: "extension_code_invalid", status: 400, requestId: "r9" } });
  });
});
