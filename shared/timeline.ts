import { z } from "zod";

/**
 * The investigation timeline of one Okta user (docs/timeline.md): Okta's System Log, Persona's objects and this
 * product's audit, merged newest first, with the items investigators look for marked.
 */

export const TIMELINE_SOURCES = ["okta", "persona", "audit"] as const;
export const TimelineSourceSchema = z.enum(TIMELINE_SOURCES);
export type TimelineSource = z.infer<typeof TimelineSourceSchema>;

/** The marks an item can carry: what made an investigator look twice. */
export const TIMELINE_MARKS = [
  "new_country",
  "new_device",
  "new_ip",
  "factor_reset",
  "password_reset",
  "suspicious_activity_report",
  "admin_privilege_grant",
  "sign_on_denied",
  "threat_detected",
  "outside_this_product",
] as const;
export const TimelineMarkSchema = z.enum(TIMELINE_MARKS);
export type TimelineMark = z.infer<typeof TimelineMarkSchema>;

/** What a marking rule sees of an Okta System Log event. */
export type MarkableEvent = { eventType: string; outcome: string | null };

/**
 * The one table of event-type marks: an Okta event of `eventTypes` (and, where given, with that outcome) carries
 * `mark`. Sign-ins from a new country, device or IP are marked by comparing sign-ins (worker/src/timeline/), not
 * here: novelty depends on the events before it.
 */
export const EVENT_MARK_RULES: ReadonlyArray<{ mark: TimelineMark; eventTypes: readonly string[]; outcome?: string; why: string }> = [
  {
    mark: "factor_reset",
    eventTypes: ["user.mfa.factor.reset_all", "user.mfa.factor.deactivate"],
    why: "an MFA factor was reset or removed: the step an attacker needs after talking the help desk round",
  },
  {
    mark: "password_reset",
    eventTypes: ["user.account.reset_password", "user.account.update_password"],
    why: "the password was reset or changed",
  },
  {
    mark: "suspicious_activity_report",
    eventTypes: ["user.account.report_suspicious_activity_by_enduser"],
    why: "the user reported activity they did not do",
  },
  {
    mark: "admin_privilege_grant",
    eventTypes: ["user.account.privilege.grant", "group.privilege.grant"],
    why: "an admin role was granted",
  },
  { mark: "sign_on_denied", eventTypes: ["policy.evaluate_sign_on"], outcome: "DENY", why: "a sign-on policy denied a sign-in" },
  { mark: "threat_detected", eventTypes: ["security.threat.detected"], why: "Okta ThreatInsight detected a threat" },
];

/** The event-type marks of one Okta event, in table order. */
export function eventMarks(event: MarkableEvent): TimelineMark[] {
  return EVENT_MARK_RULES.filter((rule) => rule.eventTypes.includes(event.eventType) && (rule.outcome === undefined || rule.outcome === event.outcome)).map(
    (rule) => rule.mark,
  );
}

const ActorSchema = z.object({ type: z.string(), id: z.string(), displayName: z.string().nullable() });
const ClientSchema = z.object({
  ipAddress: z.string().nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
  device: z.string().nullable(),
  userAgent: z.string().nullable(),
});

/** One item of the timeline. `id` is unique across sources (`okta:<uuid>`, `persona:<id>`, `audit:<id>`). */
export const TimelineItemSchema = z.object({
  id: z.string(),
  source: TimelineSourceSchema,
  time: z.iso.datetime(),
  type: z.string(),
  summary: z.string(),
  outcome: z.string().optional(),
  actor: ActorSchema.optional(),
  /** For Okta events: where it came from. */
  client: ClientSchema.optional(),
  /** For Okta events: the `debugContext.debugData` risk fields Okta gave (risk level, reasons, behaviours). */
  risk: z.record(z.string(), z.string()).optional(),
  marked: z.array(TimelineMarkSchema).optional(),
  /** A deep link into Okta's admin console or Persona's dashboard. */
  link: z.url().optional(),
});
export type TimelineItem = z.infer<typeof TimelineItemSchema>;

const SourceErrorSchema = z.object({ code: z.string(), message: z.string() });

/** `GET …/okta/users/{userId}/timeline`: one page, newest first; a failing source is reported, never hides the others. */
export const TimelinePageSchema = z.object({
  items: z.array(TimelineItemSchema),
  next: z.string().nullable(),
  errors: z.object({ okta: SourceErrorSchema.optional(), persona: SourceErrorSchema.optional(), audit: SourceErrorSchema.optional() }),
});
export type TimelinePage = z.infer<typeof TimelinePageSchema>;

const sourcesList = z
  .string()
  .max(40)
  .transform((text) => text.split(","))
  .pipe(z.array(TimelineSourceSchema).min(1).max(3));

export const TimelineQuerySchema = z.strictObject({
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** The `next` of the previous page: opaque. */
  after: z.string().max(2000).optional(),
  sources: sourcesList.optional(),
  /** Which Okta credential reads the System Log, when the organization has several. */
  credentialId: z.string().max(64).optional(),
});
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;
