/**
 * The content script runs on a super-admin page, so its verification messages are hostile input: each must name an
 * Okta user and a verification by their exact ID shapes (no path of its own reaches the worker), a gated action
 * carries one proof at most, and an override reason is held to the worker's own rule before anything is sent.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { route } from "../../../../extension/background/router";
import { VER } from "../overlay/verification-fixtures";
import { ADA, deps, fakeFetch, senders, signedIn } from "./support";

beforeEach(() => {
  fakeBrowser.reset();
});

describe("refused before anything reaches the worker", () => {
  it.each([
    [
      "a verification ID with a path in it",
      { type: "overlay.verification.get", payload: { userId: ADA, verificationId: "ver_0123456789abcdef01234567/../../x" } },
    ],
    ["a verification ID of the wrong length", { type: "overlay.verification.cancel", payload: { userId: ADA, verificationId: "ver_0123" } }],
    ["a verification ID in upper case", { type: "overlay.verification.get", payload: { userId: ADA, verificationId: "ver_0123456789ABCDEF01234567" } }],
    ["another prefix", { type: "overlay.verification.cancel", payload: { userId: ADA, verificationId: "inq_0123456789abcdef01234567" } }],
    ["no verification ID", { type: "overlay.verification.get", payload: { userId: ADA } }],
    ["a user ID with a path in it", { type: "overlay.verification.list", payload: { userId: "../../orgs/other/users" } }],
    ["a start for an action no policy can gate", { type: "overlay.verification.start", payload: { userId: ADA, for: "retrieve" } }],
    ["a start with a field of its own", { type: "overlay.verification.start", payload: { userId: ADA, templateId: "itmpl_evil" } }],
    ["a malformed verification ID on an action", { type: "overlay.lifecycle", payload: { userId: ADA, action: "reset_factors", verificationId: "ver_x" } }],
    [
      "both proofs on an action",
      { type: "overlay.lifecycle", payload: { userId: ADA, action: "unlock", verificationId: VER, overrideReason: "a long enough reason" } },
    ],
    ["both proofs on an access code", { type: "overlay.tac", payload: { userId: ADA, verificationId: VER, overrideReason: "a long enough reason" } }],
    ["an override reason under 10 characters once trimmed", { type: "overlay.tac", payload: { userId: ADA, overrideReason: "   because   " } }],
    ["an override reason over 500 characters", { type: "overlay.lifecycle", payload: { userId: ADA, action: "unlock", overrideReason: "x".repeat(501) } }],
    [
      "an override reason that is not text",
      { type: "overlay.lifecycle", payload: { userId: ADA, action: "unlock", overrideReason: { reason: "x".repeat(20) } } },
    ],
  ])("refuses %s", async (_name, message) => {
    await signedIn("admin");
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: {} }));
    const reply = await route(message, senders.content, deps({ fetchImpl }));
    expect(reply).toMatchObject({ ok: false, error: { code: "invalid_message" } });
    expect(calls).toHaveLength(0);
  });

  it("answers no verification message to a page that is not the admin console", async () => {
    await signedIn("admin");
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 201, body: {} }));
    for (const type of ["overlay.verification.start", "overlay.verification.list"]) {
      const reply = await route({ type, payload: { userId: ADA } }, { ...senders.content, url: "https://evil.test/" }, deps({ fetchImpl }));
      expect(reply, type).toMatchObject({ ok: false, error: { code: "sender_refused" } });
    }
    expect(calls).toHaveLength(0);
  });

  it("leaves the role check to the worker: an operator's override reason is sent, and refused there", async () => {
    await signedIn("operator");
    const { fetchImpl, calls } = fakeFetch(() => ({
      status: 403,
      body: { error: { code: "forbidden", message: "only an admin may run a gated action without a verification", requestId: "r-1" } },
    }));
    const reply = await route(
      { type: "overlay.lifecycle", payload: { userId: ADA, action: "unlock", overrideReason: "caller known to me" } },
      senders.content,
      deps({ fetchImpl }),
    );
    expect(calls).toHaveLength(1);
    expect(reply).toMatchObject({ ok: false, error: { code: "forbidden", status: 403 } });
  });
});
