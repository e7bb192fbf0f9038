/**
 * The investigation messages come from a content script on a super-admin page, so they are hostile input: only
 * the fields the protocol declares, each held to its shape, and nothing else of a message reaches the worker. In
 * particular the page cannot choose what ending the sessions does (the OAuth tokens are always revoked, devices
 * never forgotten), nor where the timeline or the evidence is read.
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
    ["a source the timeline does not have", { type: "overlay.timeline", payload: { userId: ADA, sources: ["okta", "secrets"] } }],
    ["a source twice", { type: "overlay.timeline", payload: { userId: ADA, sources: ["okta", "okta"] } }],
    ["no source at all", { type: "overlay.timeline", payload: { userId: ADA, sources: [] } }],
    ["sources as the worker's comma list (a query of its own)", { type: "overlay.timeline", payload: { userId: ADA, sources: "okta,persona&limit=1000" } }],
    ["a page of 101", { type: "overlay.timeline", payload: { userId: ADA, limit: 101 } }],
    ["a page of 0", { type: "overlay.timeline", payload: { userId: ADA, limit: 0 } }],
    ["a cursor over 2,000 characters", { type: "overlay.timeline", payload: { userId: ADA, after: "c".repeat(2001) } }],
    ["a date that is not ISO 8601", { type: "overlay.timeline", payload: { userId: ADA, since: "yesterday" } }],
    ["the credential to read with", { type: "overlay.timeline", payload: { userId: ADA, credentialId: "cred_other" } }],
    ["a user ID with a path in it", { type: "overlay.timeline", payload: { userId: `${ADA}/../../other` } }],
    ["OAuth tokens kept", { type: "overlay.sessions.clear", payload: { userId: ADA, oauthTokens: false } }],
    ["devices forgotten", { type: "overlay.sessions.clear", payload: { userId: ADA, forgetDevices: true } }],
    ["both proofs", { type: "overlay.sessions.clear", payload: { userId: ADA, verificationId: VER, overrideReason: "a long enough reason" } }],
    ["a malformed verification ID", { type: "overlay.sessions.clear", payload: { userId: ADA, verificationId: "ver_1" } }],
    ["an override reason under 10 characters", { type: "overlay.sessions.clear", payload: { userId: ADA, overrideReason: "because" } }],
    ["an export format of its own", { type: "overlay.evidence", payload: { userId: ADA, format: "html" } }],
    ["an export without a format", { type: "overlay.evidence", payload: { userId: ADA } }],
    ["an export window (not offered to the page)", { type: "overlay.evidence", payload: { userId: ADA, format: "json", since: "2026-01-01T00:00:00Z" } }],
  ])("%s", async (_name, message) => {
    await signedIn("operator");
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: {} }));
    const reply = await route(message, senders.content, deps({ fetchImpl }));
    expect(reply).toMatchObject({ ok: false, error: { code: "invalid_message" } });
    expect(calls).toHaveLength(0);
  });
});

describe("answered only for this extension", () => {
  it("refuses another extension and a frame of the console", async () => {
    await signedIn("operator");
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: {} }));
    const other = await route(
      { type: "overlay.evidence", payload: { userId: ADA, format: "csv" } },
      { ...senders.content, id: "another-extension" },
      deps({ fetchImpl }),
    );
    const frame = await route({ type: "overlay.timeline", payload: { userId: ADA } }, { ...senders.content, frameId: 4 }, deps({ fetchImpl }));
    expect(other).toMatchObject({ ok: false, error: { code: "sender_refused" } });
    expect(frame).toMatchObject({ ok: false, error: { code: "sender_refused" } });
    expect(calls).toHaveLength(0);
  });
});
