/**
 * The overlay's investigation messages (docs/timeline.md): the timeline page, ending the user's sessions and the
 * evidence export. What reaches the worker for each (method, path, query, body), how its answers are checked, and
 * that the evidence file is the worker's own text.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { route } from "../../../../extension/background/router";
import { readSession } from "../../../../extension/background/session-store";
import { evidencePack, timelinePage } from "../overlay/timeline-fixtures";
import { VER } from "../overlay/verification-fixtures";
import { ADA, deps, senders, signedIn, TOKEN, USER_PATH, WORKER } from "./support";

beforeEach(() => {
  fakeBrowser.reset();
});

type Answer = { status: number; text?: string; json?: unknown; headers?: Record<string, string> };

/** One overlay message from the content script, the worker answering `answer`; returns the reply and what was sent. */
async function overlayCall(type: string, payload: unknown, answer: Answer) {
  await signedIn("operator");
  const calls: Array<{ url: URL; init: RequestInit }> = [];
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: new URL(String(input)), init });
    const text = answer.text ?? (answer.json === undefined ? "" : JSON.stringify(answer.json));
    return new Response(text === "" ? null : text, { status: answer.status, headers: { "content-type": "application/json", ...answer.headers } });
  }) as typeof fetch;
  const reply = await route({ type, payload }, senders.content, deps({ fetchImpl }));
  const sent = calls.map(({ url, init }) => {
    const headers = new Headers(init.headers);
    return {
      method: init.method,
      origin: url.origin,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
      authorization: headers.get("authorization"),
      accept: headers.get("accept"),
    };
  });
  return { reply, sent };
}

describe("the timeline", () => {
  it("asks the worker for one page with only the fields given, and passes the page on", async () => {
    const page = timelinePage();
    const { reply, sent } = await overlayCall(
      "overlay.timeline",
      { userId: ADA, sources: ["okta", "audit"], limit: 25, after: "c1:abc" },
      { status: 200, json: page },
    );
    expect(sent).toEqual([
      {
        method: "GET",
        origin: WORKER,
        path: `${USER_PATH}/timeline`,
        query: { sources: "okta,audit", after: "c1:abc", limit: "25" },
        body: undefined,
        authorization: `Bearer ${TOKEN}`,
        accept: "application/json",
      },
    ]);
    expect(reply).toEqual({ ok: true, data: page });
  });

  it("asks for the newest page of every source when no field is given", async () => {
    const { sent } = await overlayCall("overlay.timeline", { userId: ADA }, { status: 200, json: timelinePage() });
    expect(sent[0]).toMatchObject({ path: `${USER_PATH}/timeline`, query: {} });
  });

  it("refuses a page that does not have the shared schema's shape", async () => {
    const { reply } = await overlayCall("overlay.timeline", { userId: ADA }, { status: 200, json: { items: [{ id: "x" }], next: null, errors: {} } });
    expect(reply).toMatchObject({ ok: false, error: { code: "bad_response" } });
  });

  it("passes the worker's refusal on with its code and request ID", async () => {
    const { reply } = await overlayCall(
      "overlay.timeline",
      { userId: ADA, after: "not-a-cursor" },
      { status: 400, json: { error: { code: "invalid_request", message: "not a timeline cursor", requestId: "req-9" } } },
    );
    expect(reply).toEqual({ ok: false, error: { code: "invalid_request", message: "not a timeline cursor", status: 400, requestId: "req-9" } });
  });
});

describe("ending the sessions", () => {
  const done = { ok: true, action: "clear_sessions", oktaRequestId: "okta-31" };

  it("posts to the user's sessions/clear, revoking the OAuth tokens too", async () => {
    const { reply, sent } = await overlayCall("overlay.sessions.clear", { userId: ADA }, { status: 200, json: done });
    expect(sent).toMatchObject([{ method: "POST", path: `${USER_PATH}/sessions/clear`, body: { oauthTokens: true }, authorization: `Bearer ${TOKEN}` }]);
    expect(reply).toEqual({ ok: true, data: done });
  });

  it("carries the proof the gate wants, and only that", async () => {
    const verified = await overlayCall("overlay.sessions.clear", { userId: ADA, verificationId: VER }, { status: 200, json: done });
    expect(verified.sent[0]?.body).toEqual({ oauthTokens: true, verificationId: VER });
    const overridden = await overlayCall("overlay.sessions.clear", { userId: ADA, overrideReason: "caller verified by video" }, { status: 200, json: done });
    expect(overridden.sent[0]?.body).toEqual({ oauthTokens: true, overrideReason: "caller verified by video" });
  });

  it("passes Okta's refusal on, and refuses an answer that is not the shared result", async () => {
    const refused = await overlayCall(
      "overlay.sessions.clear",
      { userId: ADA },
      {
        status: 403,
        json: { error: { code: "verification_required", message: "verify first", requestId: "req-3", details: { action: "clear_sessions" } } },
      },
    );
    expect(refused.reply).toMatchObject({ ok: false, error: { code: "verification_required", status: 403, details: { action: "clear_sessions" } } });
    const odd = await overlayCall("overlay.sessions.clear", { userId: ADA }, { status: 200, json: { ok: true, action: "suspend", oktaRequestId: null } });
    expect(odd.reply).toMatchObject({ ok: false, error: { code: "bad_response" } });
  });
});

describe("the evidence export", () => {
  const name = `evidence-acme-${ADA}-2026-11-27`;

  it("hands back the worker's JSON text unchanged, once it matches the pack's schema, with the worker's file name", async () => {
    // Spaced and with a field the schema does not name: a parse-and-reprint would change both.
    const text = JSON.stringify({ ...evidencePack(), extra: "kept" }, null, 2);
    const { reply, sent } = await overlayCall(
      "overlay.evidence",
      { userId: ADA, format: "json" },
      { status: 200, text, headers: { "content-disposition": `attachment; filename="${name}.json"` } },
    );
    expect(sent).toMatchObject([{ method: "GET", path: `${USER_PATH}/evidence`, query: { format: "json" }, accept: "application/json" }]);
    expect(reply).toEqual({ ok: true, data: { filename: `${name}.json`, mediaType: "application/json", text } });
  });

  it("refuses JSON that is not an evidence pack", async () => {
    const { reply } = await overlayCall("overlay.evidence", { userId: ADA, format: "json" }, { status: 200, json: { kind: "something-else" } });
    expect(reply).toMatchObject({ ok: false, error: { code: "bad_response" } });
  });

  it("hands back the CSV as text when the worker says it is CSV", async () => {
    const text = "time,source,type,summary\r\n2026-11-27T09:00:00.000Z,okta,user.session.start,'=cmd\r\n";
    const { reply, sent } = await overlayCall(
      "overlay.evidence",
      { userId: ADA, format: "csv" },
      { status: 200, text, headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}.csv"` } },
    );
    expect(sent[0]).toMatchObject({ query: { format: "csv" }, accept: "text/csv" });
    expect(reply).toEqual({ ok: true, data: { filename: `${name}.csv`, mediaType: "text/csv", text } });
  });

  it("refuses a CSV export answered as something else", async () => {
    const { reply } = await overlayCall(
      "overlay.evidence",
      { userId: ADA, format: "csv" },
      { status: 200, text: "<html>proxy</html>", headers: { "content-type": "text/html" } },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: "bad_response" } });
  });

  it.each([
    ["a path", 'attachment; filename="../../evidence.csv"'],
    ["another extension", 'attachment; filename="evidence.exe"'],
    ["inline", 'inline; filename="evidence.csv"'],
    ["none", undefined],
  ])("names the file itself when the worker's name is %s", async (_case, disposition) => {
    const headers: Record<string, string> = { "content-type": "text/csv" };
    if (disposition) headers["content-disposition"] = disposition;
    const { reply } = await overlayCall("overlay.evidence", { userId: ADA, format: "csv" }, { status: 200, text: "time\r\n", headers });
    expect(reply).toMatchObject({ ok: true, data: { filename: `evidence-acme-${ADA}.csv` } });
  });

  it("passes a refusal on, and forgets a session the worker no longer knows", async () => {
    const forbidden = await overlayCall(
      "overlay.evidence",
      { userId: ADA, format: "json" },
      { status: 403, json: { error: { code: "forbidden", message: "operators and admins only", requestId: "req-4" } } },
    );
    expect(forbidden.reply).toEqual({ ok: false, error: { code: "forbidden", message: "operators and admins only", status: 403, requestId: "req-4" } });
    expect(await readSession(Date.now())).not.toBeNull();
    const expired = await overlayCall(
      "overlay.evidence",
      { userId: ADA, format: "csv" },
      { status: 401, json: { error: { code: "session_expired", message: "sign in again", requestId: "req-5" } } },
    );
    expect(expired.reply).toMatchObject({ ok: false, error: { code: "session_expired" } });
    expect(await readSession(Date.now())).toBeNull();
  });
});
