import { AppError } from "../../../shared/errors";
import type { EvidencePack, EvidenceQuery } from "../../../shared/evidence";
import { type LogEvent, LogEventSchema } from "../../../shared/okta-log-event";
import { roleAtLeast } from "../../../shared/roles";
import type { TimelineItem, TimelinePage, TimelineQuery } from "../../../shared/timeline";
import { callOkta } from "../okta/call-okta";
import { oktaUserContext } from "../okta/user-context";
import { personaContext } from "../persona/context";
import { listAudit } from "../storage/org-store/audit";
import { verifyAuditChain } from "../storage/org-store/audit-chain";
import type { PersonaCache } from "../storage/org-store/persona-cache";
import { listVerifications } from "../storage/org-store/verifications";
import { readTimeline, type TimelinePorts } from "../timeline/read-timeline";
import { type GateCaller, verifyCaller } from "./caller";
import type { OktaGate } from "./okta-gate";
import { causedByUs } from "./okta-hook-events";
import { readOktaProfile } from "./okta-profile";
import type { PersonaGate } from "./persona-gate";

export type GateTimelineRequest = {
  caller: GateCaller;
  userId: string;
  credentialId: string | undefined;
  query: TimelineQuery;
  requestId: string;
  nowMs: number;
};
export type GateEvidenceRequest = { caller: GateCaller; userId: string; query: EvidenceQuery; requestId: string; nowMs: number };

/** How many timeline items a pack holds at most (20 pages of 100). */
export const EVIDENCE_ITEMS = 2000;
const AUDIT_PAGE = 200;

/** Okta's System Log events in an answer; one malformed event is dropped, not the page. */
function logEvents(body: unknown): LogEvent[] {
  return (Array.isArray(body) ? body : []).flatMap((event) => {
    const parsed = LogEventSchema.safeParse(event);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * The investigation of one Okta user, inside the organization's gate (docs/timeline.md): the timeline of Okta's
 * System Log (through the org's credential and the log's own rate-limit bucket), Persona's objects (the context's
 * cached half) and this product's audit; and the evidence pack built from it. Reading is not an action: not audited.
 */
export class Investigation {
  constructor(
    private readonly orgId: string,
    private readonly sql: SqlStorage,
    private readonly okta: OktaGate,
    private readonly persona: PersonaGate,
    private readonly personaCache: PersonaCache,
  ) {}

  /** One page (viewer and up; the audit source for operators and up). */
  async timeline(request: GateTimelineRequest): Promise<TimelinePage> {
    const { role } = verifyCaller(this.sql, request.caller, request.nowMs);
    return readTimeline(await this.ports(request, roleAtLeast(role, "operator")), request.userId, request.query, request.nowMs);
  }

  /** The evidence pack (operator and up): every timeline page of the window, up to {@link EVIDENCE_ITEMS}. */
  async evidence(request: GateEvidenceRequest): Promise<EvidencePack> {
    const { actor, role } = verifyCaller(this.sql, request.caller, request.nowMs);
    if (!roleAtLeast(role, "operator")) throw new AppError("forbidden", "the evidence pack needs the operator role");
    const { userId, query, nowMs } = request;
    const until = query.until ?? new Date(nowMs).toISOString();
    const since = query.since ?? new Date(Date.parse(until) - 90 * 24 * 3600_000).toISOString();
    const timelineRequest = { ...request, credentialId: query.credentialId, query: { since, until, limit: 100 } };
    const ports = await this.ports(timelineRequest, true);
    const items: TimelineItem[] = [];
    let errors: TimelinePage["errors"] = {};
    let after: string | undefined;
    let truncated = false;
    for (;;) {
      const page = await readTimeline(ports, userId, { ...timelineRequest.query, ...(after ? { after } : {}) }, nowMs);
      items.push(...page.items);
      errors = { ...errors, ...page.errors };
      if (page.next === null) break;
      if (items.length >= EVIDENCE_ITEMS) {
        truncated = true;
        break;
      }
      after = page.next;
    }
    const [okta, persona] = await Promise.all([
      oktaUserContext({ open: () => this.okta.open(query.credentialId), userId, ambient: this.okta.ambient(), requestId: request.requestId }),
      ports.persona(),
    ]);
    return {
      kind: "persona-okta-companion.evidence",
      version: 1,
      orgId: this.orgId,
      userId,
      exportedAt: new Date(nowMs).toISOString(),
      exportedBy: actor.label,
      window: { since, until },
      okta: okta.okta,
      persona: { cases: persona.cases, inquiries: persona.inquiries },
      verifications: listVerifications(this.sql, userId, 1000, nowMs),
      audit: this.allAudit(userId),
      auditChain: verifyAuditChain(this.sql),
      timeline: items.slice(0, EVIDENCE_ITEMS),
      truncated,
      errors: { ...errors, ...(okta.oktaError ? { okta: { code: okta.oktaError.code, message: okta.oktaError.message } } : {}) },
    };
  }

  /** Every audit entry about the user, newest first. */
  private allAudit(userId: string) {
    const entries = [];
    let before: number | undefined;
    for (;;) {
      const page = listAudit(this.sql, { userId, limit: AUDIT_PAGE, before });
      entries.push(...page);
      if (page.length < AUDIT_PAGE) return entries;
      before = page.at(-1)!.id;
    }
  }

  private async ports(request: Omit<GateTimelineRequest, "caller">, mayReadAudit: boolean): Promise<TimelinePorts> {
    const { userId, requestId } = request;
    const connection = this.okta.open(request.credentialId);
    // A credential the caller named that is not the organization's is their mistake (404), not a source failure.
    if (request.credentialId !== undefined) await connection;
    const host = await connection.then((opened) => opened.adminConsoleHost).catch(() => null);
    const clientIds = await this.okta.clientIds().catch(() => new Set<string>());
    return {
      oktaLogs: async (query) => logEvents((await callOkta(await connection, "read_logs", { query }, this.okta.ambient())).body),
      ours: (event) => causedByUs(this.sql, event, clientIds),
      systemLogUrl: (uuid) => (host ? `https://${host}/report/system_log_2?search=${encodeURIComponent(`uuid eq "${uuid}"`)}` : undefined),
      persona: () =>
        personaContext({
          open: () => this.persona.open(),
          cache: this.personaCache,
          lookups: this.persona.lookups,
          oktaUserId: userId,
          // Only when the organization matches by email and the reference ID found nothing.
          email: async () => {
            const read = await readOktaProfile(this.okta, request.credentialId, userId).catch(() => null);
            return typeof read?.profile.email === "string" ? read.profile.email : null;
          },
          ambient: this.persona.ambient(),
          requestId,
        }),
      audit: (limit) => (mayReadAudit ? listAudit(this.sql, { userId, limit }) : null),
    };
  }
}
