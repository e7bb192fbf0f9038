/**
 * Inquiry sessions and their one-time links (`meta.auto-create-one-time-link` on creation,
 * `POST /inquiries/{id}/generate-one-time-link`). Each link opens a new session (`iqse_…`, listed in the inquiry's
 * `relationships.sessions`), as the spec says of generate-one-time-link. A link lives 24 hours unless the request
 * says otherwise (the spec's default), and expiring the inquiry expires every session (the spec's expire-an-inquiry).
 *
 * Links are issued as Persona issues them, on its https hosts (`https://withpersona.com/verify?code=us1-…`, short
 * `https://perso.na/<code>`, the spec's examples), so a client that holds the link to https takes them. With the
 * environment option `oneTimeLinkHost: "fake"` they point at the fake itself (`<url>/e/<envId>/verify?code=…`, short
 * `<url>/e/<envId>/l/<code>`). Either way the fake serves every code at its own page (hosted-flow.ts), and the
 * control API shows that page's URL (`fakeUrl`), so a browser test can follow any link.
 */
import type { Env } from "./env";
import * as ids from "./ids";
import type { InquiryRecord, InquirySession } from "./inquiries";

/** Persona: "Default expiry is 24 hours." */
export const DEFAULT_LINK_SECONDS = 24 * 60 * 60;

export interface OneTimeLink {
  url: string;
  shortUrl: string;
}

/** The spec's examples of Persona's one-time link hosts. */
const PERSONA_LINK = "https://withpersona.com/verify";
const PERSONA_SHORT_LINK = "https://perso.na";

/** The fake's own page for a link: under `<url>/e/<envId>` (the API base URL without `/api/v1`). */
export function fakeLinkUrls(env: Env, link: { code: string; shortCode: string }): OneTimeLink {
  const base = env.baseUrl.slice(0, env.baseUrl.length - "/api/v1".length);
  return { url: `${base}/verify?code=${encodeURIComponent(link.code)}`, shortUrl: `${base}/l/${link.shortCode}` };
}

/** The URLs a link is issued with, fixed when it is issued (option `oneTimeLinkHost`). */
function issuedUrls(env: Env, link: { code: string; shortCode: string }): OneTimeLink {
  if (env.options.oneTimeLinkHost === "fake") return fakeLinkUrls(env, link);
  return { url: `${PERSONA_LINK}?code=${encodeURIComponent(link.code)}`, shortUrl: `${PERSONA_SHORT_LINK}/${link.shortCode}` };
}

/** Opens a session on the inquiry, with a one-time link unless `withLink` is false. */
export function openSession(env: Env, record: InquiryRecord, nowMs: number, options: { expiresInSeconds?: number | null; withLink: boolean }) {
  const codes = { code: ids.newOneTimeLinkCode(), shortCode: ids.newShortLinkCode() };
  const session: InquirySession = {
    id: ids.newInquirySessionId(),
    createdAt: new Date(nowMs).toISOString(),
    expiresAt: new Date(nowMs + (options.expiresInSeconds ?? DEFAULT_LINK_SECONDS) * 1000).toISOString(),
    oneTimeLink: options.withLink ? { ...codes, ...issuedUrls(env, codes) } : null,
  };
  record.sessions.push(session);
  return { session, link: session.oneTimeLink };
}

/** Expiring an inquiry expires all its sessions (and so their links) now. */
export function expireSessions(record: InquiryRecord, nowIso: string): void {
  for (const session of record.sessions) if (Date.parse(session.expiresAt) > Date.parse(nowIso)) session.expiresAt = nowIso;
}

export function isExpired(session: InquirySession, nowMs: number): boolean {
  return Date.parse(session.expiresAt) <= nowMs;
}

/** The inquiry and session a link code (long or short) belongs to. */
export function findLink(env: Env, code: string, form: "code" | "shortCode"): { record: InquiryRecord; session: InquirySession } | undefined {
  for (const record of env.inquiries.values()) {
    const session = record.sessions.find((candidate) => candidate.oneTimeLink?.[form] === code);
    if (session) return { record, session };
  }
  return undefined;
}

/** What the control API shows of a session: its link as issued, the fake's page for it, its expiry and whether it has passed. */
export function describeSession(env: Env, session: InquirySession, nowMs: number) {
  const link = session.oneTimeLink;
  return {
    id: session.id,
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
    expired: isExpired(session, nowMs),
    oneTimeLink: link?.url ?? null,
    oneTimeLinkShort: link?.shortUrl ?? null,
    fakeUrl: link === null ? null : fakeLinkUrls(env, link).url,
  };
}
