/**
 * What a one-time link opens: a stand-in for Persona's hosted flow, so a browser test can follow the link a person
 * would get (the link itself, with `oneTimeLinkHost: "fake"`, or the control API's `fakeUrl` of its session). `GET /e/<envId>/verify?code=…` answers a page naming the inquiry (200), or 410 once the link has
 * expired or the inquiry is redacted, or 404 for a code nobody issued; `GET /e/<envId>/l/<short>` redirects to the
 * long link, as Persona's short links do. Opening a link changes nothing: the person's progress (and its webhooks)
 * is driven through the control API (`POST /__fake/envs/:env/inquiries/:id/transition`).
 */
import type { FakeResponse } from "../okta/http";
import type { Env } from "./env";
import { fakeLinkUrls, findLink, isExpired } from "./one-time-links";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(status: number, title: string, body: string): FakeResponse {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
  return { status, body: html, contentType: "text/html; charset=utf-8", bare: true };
}

/** The answer for a path under `/e/<envId>` outside the API, or undefined when it is not a link path. */
export function hostedFlowResponse(env: Env, path: string, query: URLSearchParams, nowMs: number): FakeResponse | undefined {
  if (path === "/verify") {
    const found = findLink(env, query.get("code") ?? "", "code");
    if (!found) return page(404, "Link not found", "<h1>This link is not valid.</h1>");
    const { record, session } = found;
    if (isExpired(session, nowMs) || record.redactedAt !== null) return page(410, "Link expired", "<h1>This link has expired.</h1>");
    return page(
      200,
      "Verify your identity",
      `<h1>Verify your identity</h1><main data-inquiry-id="${escapeHtml(record.id)}" data-session-id="${escapeHtml(session.id)}" data-status="${escapeHtml(record.status)}">` +
        `<p>Inquiry ${escapeHtml(record.id)} (${escapeHtml(record.status)})</p></main>`,
    );
  }
  const short = /^\/l\/([A-Za-z0-9]+)$/.exec(path);
  if (short) {
    const found = findLink(env, short[1]!, "shortCode");
    if (!found || found.session.oneTimeLink === null) return page(404, "Link not found", "<h1>This link is not valid.</h1>");
    return { status: 302, headers: { location: fakeLinkUrls(env, found.session.oneTimeLink).url }, body: "", contentType: "text/plain", bare: true };
  }
  return undefined;
}
