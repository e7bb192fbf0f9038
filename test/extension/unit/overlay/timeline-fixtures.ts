/** Timeline pages and an evidence pack as the worker answers them for Ada (docs/timeline.md), built in code. */
import type { EvidencePack } from "../../../../shared/evidence";
import type { TimelineItem, TimelinePage } from "../../../../shared/timeline";
import { ADA, adaContext, NOW } from "./support";

const at = (hoursAgo: number) => new Date(NOW - hoursAgo * 3_600_000).toISOString();
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** A sign-in from Romania, new in country, device and IP: the item an investigator looks at first. */
export function romanianSignIn(overrides: Partial<TimelineItem> = {}): TimelineItem {
  return {
    id: "okta:ev-3",
    source: "okta",
    time: "2026-11-27T09:14:00.000Z",
    type: "user.session.start",
    summary: "User login to Okta (Bucharest, Romania)",
    outcome: "SUCCESS",
    actor: { type: "User", id: ADA, displayName: "Ada Lovelace" },
    client: { ipAddress: "86.120.4.9", country: "Romania", city: "Bucharest", device: "Computer", userAgent: FIREFOX },
    marked: ["new_country", "new_device", "new_ip"],
    link: "https://acme-admin.okta.com/report/system_log_2?search=ev-3",
    ...overrides,
  };
}

export function factorReset(): TimelineItem {
  return {
    id: "okta:ev-2",
    source: "okta",
    time: at(5),
    type: "user.mfa.factor.reset_all",
    summary: "Reset all factors for user",
    outcome: "SUCCESS",
    actor: { type: "User", id: "00uhelpdesk000000001", displayName: "Help Desk" },
    marked: ["factor_reset"],
  };
}

export function personaInquiry(): TimelineItem {
  return {
    id: "persona:inq_1:completed",
    source: "persona",
    time: at(50),
    type: "inquiry.completed",
    summary: "Inquiry inq_1 completed",
    link: "https://app.withpersona.com/dashboard/inquiries/inq_1",
  };
}

export function auditSuspend(): TimelineItem {
  return {
    id: "audit:aud_1",
    source: "audit",
    time: at(60),
    type: "suspend",
    summary: "suspend by ops@acme.test",
    outcome: "failure",
    actor: { type: "companion_user", id: "ops@acme.test", displayName: "ops@acme.test" },
  };
}

export function timelinePage(overrides: Partial<TimelinePage> = {}): TimelinePage {
  return { items: [romanianSignIn(), factorReset(), personaInquiry(), auditSuspend()], next: null, errors: {}, ...overrides };
}

export function evidencePack(): EvidencePack {
  return {
    kind: "persona-okta-companion.evidence",
    version: 1,
    orgId: "acme",
    userId: ADA,
    exportedAt: "2026-11-27T12:00:00.000Z",
    exportedBy: "ops@acme.test",
    window: { since: "2026-08-29T12:00:00.000Z", until: "2026-11-27T12:00:00.000Z" },
    okta: adaContext().okta,
    persona: { cases: adaContext().persona.cases, inquiries: adaContext().persona.inquiries },
    verifications: [],
    audit: [],
    auditChain: { ok: true, entries: 0, unchained: 0, head: null },
    timeline: timelinePage().items,
    truncated: false,
    errors: {},
  };
}
