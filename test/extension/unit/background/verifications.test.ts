/**
 * The overlay's verified-recovery messages (docs/verified-recovery.md): what reaches the worker for each (method,
 * path, body), how its answers are checked, and that the proof of a gated action travels in the action's body.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { route } from "../../../../extension/background/router";
import { started, VER, verification } from "../overlay/verification-fixtures";
import { ADA, deps, fakeFetch, senders, signedIn, TOKEN, USER_PATH, WORKER } from "./support";

beforeEach(() => {
  fakeBrowser.reset();
});

/** One overlay message, answered by the worker with `status` and `body`; returns the reply and what was sent. */
async function overlayCall(type: string, payload: unknown, answer: { status: number; body?: unknown }) {
  await signedIn();
  const { fetchImpl, calls } = fakeFetch(() => answer);
  const reply = await route({ type, payload }, senders.content, deps({ fetchImpl }));
  const sent = calls.map((call) => ({
    method: call.init.method,
    origin: call.url.origin,
    path: call.url.pathname,
    body: call.init.body === undefined ? undefined : JSON.parse(String(call.init.body)),
    authorization: new Headers(call.init.headers).get("authorization"),
  }));
  return { reply, sent };
}

describe("verification messages reach the user's verifications at the worker", () => {
  it("starts one and hands back its link with a QR code of it", async () => {
    const { reply, sent } = await overlayCall("overlay.verification.start", { userId: ADA }, { status: 201, body: started() });
    expect(sent).toEqual([{ method: "POST", origin: WORKER, path: `${USER_PATH}/verifications`, body: {}, authorization: `Bearer ${TOKEN}` }]);
    expect(reply).toMatchObject({ ok: true, data: { id: VER, oneTimeLink: "https://withpersona.com/verify?code=us1-abc" } });
    const qr = (reply as { data: { qr: boolean[][] } }).data.qr;
    // Version 3 or more for a link this long: a square of at least 29 modules, some dark, some light.
    expect(qr.length).toBeGreaterThanOrEqual(29);
    expect(qr.every((row) => row.length === qr.length)).toBe(true);
    expect(qr.flat()).toContain(true);
    expect(qr.flat()).toContain(false);
  });

  it("names the one action a verification is for, when asked", async () => {
    const { sent } = await overlayCall("overlay.verification.start", { userId: ADA, for: "unlock" }, { status: 201, body: { ...started(), for: "unlock" } });
    expect(sent[0]?.body).toEqual({ for: "unlock" });
  });

  it.each(["http://withpersona.com/verify?code=us1-abc", "javascript:alert(1)", "data:text/html,<b>x</b>"])(
    "refuses a started verification whose link is %s",
    async (link) => {
      const { reply } = await overlayCall("overlay.verification.start", { userId: ADA }, { status: 201, body: started(link) });
      // The shared schema wants an https link (StartedVerificationSchema): anything else is not passed on, so no
      // other link ever reaches the overlay or its QR code.
      expect(reply).toMatchObject({ ok: false, error: { code: "bad_response" } });
    },
  );

  it("lists, reads and cancels", async () => {
    const list = await overlayCall("overlay.verification.list", { userId: ADA }, { status: 200, body: { verifications: [verification()] } });
    expect(list.sent).toMatchObject([{ method: "GET", path: `${USER_PATH}/verifications`, body: undefined }]);
    expect(list.reply).toMatchObject({ ok: true, data: { verifications: [{ id: VER, status: "pending" }] } });

    const one = await overlayCall(
      "overlay.verification.get",
      { userId: ADA, verificationId: VER },
      { status: 200, body: verification({ status: "verified" }) },
    );
    expect(one.sent).toMatchObject([{ method: "GET", path: `${USER_PATH}/verifications/${VER}` }]);
    expect(one.reply).toMatchObject({ ok: true, data: { status: "verified" } });

    const cancelled = await overlayCall("overlay.verification.cancel", { userId: ADA, verificationId: VER }, { status: 204 });
    expect(cancelled.sent).toMatchObject([{ method: "DELETE", path: `${USER_PATH}/verifications/${VER}` }]);
    expect(cancelled.reply).toEqual({ ok: true, data: {} });
  });

  it("passes the worker's refusal on with its code", async () => {
    const { reply } = await overlayCall(
      "overlay.verification.start",
      { userId: ADA },
      { status: 409, body: { error: { code: "verification_not_configured", message: "no policy", requestId: "r-7" } } },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: "verification_not_configured", status: 409, requestId: "r-7" } });
  });

  it("refuses a verification answer of the wrong shape instead of passing it on", async () => {
    const { reply } = await overlayCall(
      "overlay.verification.get",
      { userId: ADA, verificationId: VER },
      { status: 200, body: verification({ status: "hacked" as never }) },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: "bad_response" } });
  });
});

describe("a gated action carries its proof in the body", () => {
  it("sends the verification of a lifecycle action", async () => {
    const result = { ok: true, action: "reset_factors", result: {}, oktaRequestId: null };
    const { sent } = await overlayCall("overlay.lifecycle", { userId: ADA, action: "reset_factors", verificationId: VER }, { status: 200, body: result });
    expect(sent).toMatchObject([{ method: "POST", path: `${USER_PATH}/lifecycle/reset_factors`, body: { verificationId: VER } }]);
  });

  it("sends an admin's override reason, trimmed", async () => {
    const tac = { code: "TAC-1", expiresAt: null, multiUse: false, enrollmentId: null, oktaRequestId: null };
    const { sent } = await overlayCall("overlay.tac", { userId: ADA, overrideReason: "  caller verified in person at the desk  " }, { status: 200, body: tac });
    expect(sent).toMatchObject([
      { method: "POST", path: `${USER_PATH}/temporary-access-code`, body: { overrideReason: "caller verified in person at the desk" } },
    ]);
  });

  it("sends no body without a proof, as before", async () => {
    const result = { ok: true, action: "suspend", result: {}, oktaRequestId: null };
    const lifecycle = await overlayCall("overlay.lifecycle", { userId: ADA, action: "suspend" }, { status: 200, body: result });
    expect(lifecycle.sent[0]?.body).toBeUndefined();
    const tac = await overlayCall(
      "overlay.tac",
      { userId: ADA },
      { status: 200, body: { code: "T", expiresAt: null, multiUse: false, enrollmentId: null, oktaRequestId: null } },
    );
    expect(tac.sent[0]?.body).toEqual({});
  });
});
