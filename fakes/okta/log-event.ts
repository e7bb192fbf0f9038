/**
 * Okta's System Log event (`LogEvent` of the Management API spec, developer.okta.com/docs/reference/api/system-log/)
 * declared once as zod schemas: they validate what a test seeds through the control API (`POST …/log-events`), and
 * their types are what the fake stores, queries and delivers to event hooks. Objects are strict, so a misspelled or
 * invented field fails loudly; only the spec's free-form maps (`detailEntry`, `debugData`, `changeDetails.from|to`,
 * `transaction.detail`, `device_integrator`) take any keys. Nullable where, and only where, the spec says so.
 */
import { z } from "zod";

const text = z.string();
const anyMap = z.record(z.string(), z.unknown());

export const OUTCOME_RESULTS = [
  "SUCCESS",
  "FAILURE",
  "SKIPPED",
  "ALLOW",
  "DENY",
  "CHALLENGE",
  "UNKNOWN",
  "RATE_LIMIT",
  "DEFERRED",
  "SCHEDULED",
  "ABANDONED",
  "UNANSWERED",
] as const;
export const SEVERITIES = ["DEBUG", "INFO", "WARN", "ERROR"] as const;

const Geolocation = z.strictObject({ lat: z.number(), lon: z.number() }).partial();
const GeographicalContext = z.strictObject({ city: text, state: text, country: text, postalCode: text, geolocation: Geolocation }).partial();
const UserAgent = z.strictObject({ rawUserAgent: text, os: text, browser: text }).partial();

const Client = z
  .strictObject({ device: text, geographicalContext: GeographicalContext, id: text, ipAddress: text, userAgent: UserAgent, zone: text })
  .partial();

const Actor = z.strictObject({ id: text, type: text, alternateId: text.optional(), displayName: text.optional(), detailEntry: anyMap.optional() });

const Target = z.strictObject({
  id: text,
  type: text,
  alternateId: text.optional(),
  displayName: text.optional(),
  detailEntry: anyMap.optional(),
  changeDetails: z.strictObject({ from: anyMap, to: anyMap }).partial().optional(),
});

const Outcome = z.strictObject({ result: z.enum(OUTCOME_RESULTS), reason: text.min(1).max(255).optional() });
const Transaction = z.strictObject({ id: text, type: text, detail: anyMap }).partial();
const DebugContext = z.strictObject({ debugData: anyMap }).partial();

const AuthenticationContext = z
  .strictObject({
    authenticationProvider: z.enum(["ACTIVE_DIRECTORY", "FACTOR_PROVIDER", "FEDERATION", "LDAP", "OKTA_AUTHENTICATION_PROVIDER", "SOCIAL"]),
    authenticationStep: z.number().int(),
    credentialProvider: z.enum(["DUO", "GOOGLE", "OKTA_AUTHENTICATION_PROVIDER", "OKTA_CREDENTIAL_PROVIDER", "RSA", "SYMANTEC", "YUBIKEY"]),
    credentialType: z.enum([
      "ASSERTION",
      "CERTIFICATE",
      "DEVICE_UDID",
      "EMAIL",
      "IWA",
      "JWT",
      "OAuth 2.0",
      "OKTA_CLIENT_SESSION",
      "OTP",
      "PASSWORD",
      "PRE_SHARED_SYMMETRIC_KEY",
      "SMS",
    ]),
    externalSessionId: text,
    interface: text,
    issuer: z.strictObject({ id: text, type: text }).partial(),
  })
  .partial();

const nullableText = text.nullable().optional();
const riskLevel = z.enum(["LOW", "MEDIUM", "HIGH"]).nullable().optional();

const IpDetails = z
  .strictObject({
    asNumber: z.number().int().nullable(),
    asOrg: text.nullable(),
    domain: text.nullable(),
    ipServiceCategories: z
      .array(
        z
          .strictObject({
            isAnonymous: z.boolean().nullable(),
            operator: text.nullable(),
            type: z.enum(["VPN", "Proxy", "Tor", "Residential Proxy", "Blockchain VPN"]).nullable(),
          })
          .partial(),
      )
      .nullable(),
    isp: text.nullable(),
  })
  .partial()
  .nullable();

const SecurityContext = z
  .strictObject({
    asNumber: z.number().int().nullable(),
    asOrg: text.nullable(),
    botProtection: z
      .strictObject({ level: z.enum(["NONE", "LOW", "MEDIUM", "HIGH"]).nullable() })
      .partial()
      .nullable(),
    domain: text.nullable(),
    ipDetails: IpDetails,
    isp: text.nullable(),
    isProxy: z.boolean().nullable(),
    risk: z
      .strictObject({
        detectionName: nullableText,
        issuer: nullableText,
        level: riskLevel,
        previousLevel: riskLevel,
        reasons: z.array(text).nullable().optional(),
      })
      .nullable(),
    userBehaviors: z
      .array(
        z.strictObject({ id: text.nullable(), name: text.nullable(), result: z.enum(["UNKNOWN", "POSITIVE", "NEGATIVE", "BAD_REQUEST"]).nullable() }).partial(),
      )
      .nullable(),
  })
  .partial();

const IpAddress = z.strictObject({ geographicalContext: GeographicalContext, ip: text, ipDetails: IpDetails, source: text, version: text }).partial();
const Request = z.strictObject({ ipChain: z.array(IpAddress) }).partial();

/** An event type such as `user.lifecycle.suspend`: dot-separated words. */
export const EVENT_TYPE_PATTERN = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+$/;

const Timestamp = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be an ISO 8601 date-time")
  .transform((value) => new Date(value).toISOString());

/** A complete LogEvent as the fake stores it. */
export const LogEventSchema = z.strictObject({
  uuid: text.min(1),
  published: Timestamp,
  eventType: text.regex(EVENT_TYPE_PATTERN, "must look like user.lifecycle.suspend"),
  version: text,
  severity: z.enum(SEVERITIES),
  legacyEventType: text.optional(),
  displayMessage: text.optional(),
  actor: Actor,
  client: Client.optional(),
  authenticationContext: AuthenticationContext.optional(),
  outcome: Outcome,
  target: z.array(Target).optional(),
  transaction: Transaction.optional(),
  debugContext: DebugContext.optional(),
  securityContext: SecurityContext.optional(),
  request: Request.optional(),
});

export type LogEvent = z.infer<typeof LogEventSchema>;
export type LogActor = z.infer<typeof Actor>;
export type LogTarget = z.infer<typeof Target>;
export type LogClient = z.infer<typeof Client>;
export type LogIpAddress = z.infer<typeof IpAddress>;

/** What a test may seed: any part of a LogEvent but `eventType`; the rest gets Okta-like defaults (see completeSeed). */
export const LogEventSeedSchema = LogEventSchema.partial().required({ eventType: true });
export type LogEventSeed = z.infer<typeof LogEventSeedSchema>;

/** The actor of events no admin or app caused (Okta's own jobs). */
export const SYSTEM_ACTOR: LogActor = { id: "0oa0000000000000system", type: "SystemPrincipal", alternateId: "system@okta.com", displayName: "Okta System" };

/**
 * Fills a seed in the way Okta fills an event: a fresh uuid, `published` now, version "0", severity INFO, outcome
 * SUCCESS, a WEB transaction, and `request.ipChain` derived from `client.ipAddress` (with its geographical context),
 * as Okta records the client's address first in the chain.
 */
export function completeSeed(seed: LogEventSeed, nowMs: number, ids: { uuid: () => string; transactionId: () => string }): LogEvent {
  return {
    uuid: seed.uuid ?? ids.uuid(),
    published: seed.published ?? new Date(nowMs).toISOString(),
    eventType: seed.eventType,
    version: seed.version ?? "0",
    severity: seed.severity ?? "INFO",
    ...(seed.legacyEventType === undefined ? {} : { legacyEventType: seed.legacyEventType }),
    displayMessage: seed.displayMessage ?? seed.eventType,
    actor: seed.actor ?? SYSTEM_ACTOR,
    client: seed.client ?? {},
    authenticationContext: seed.authenticationContext ?? { authenticationStep: 0 },
    outcome: seed.outcome ?? { result: "SUCCESS" },
    target: seed.target ?? [],
    transaction: seed.transaction ?? { type: "WEB", id: ids.transactionId(), detail: {} },
    debugContext: seed.debugContext ?? { debugData: {} },
    securityContext: seed.securityContext ?? {},
    request: seed.request ?? { ipChain: ipChainOf(seed.client?.ipAddress, seed.client?.geographicalContext) },
  };
}

/** `request.ipChain` of a direct request: the client's address alone, with its geographical context if known. */
export function ipChainOf(ip: string | undefined, geographicalContext?: LogClient["geographicalContext"]): LogIpAddress[] {
  if (ip === undefined) return [];
  return [{ ip, version: ip.includes(":") ? "V6" : "V4", ...(geographicalContext === undefined ? {} : { geographicalContext }) }];
}

/**
 * Okta fills absent values with `null` in what it serves (its own examples: `detailEntry: null`, `reason: null`,
 * `zone: null`), although the spec's schema does not declare these fields nullable. With the org option
 * `logEventNulls` the fake does the same, so a consumer can be tested against both readings.
 */
function withOktaNulls(event: LogEvent): Record<string, unknown> {
  const actor = { detailEntry: null, ...event.actor };
  const client = { zone: null, id: null, ...event.client };
  const outcome = { reason: null, ...event.outcome };
  const target = (event.target ?? []).map((item) => ({ detailEntry: null, ...item }));
  const transaction = { detail: null, ...event.transaction };
  const authenticationContext = {
    authenticationProvider: null,
    credentialProvider: null,
    credentialType: null,
    issuer: null,
    interface: null,
    ...event.authenticationContext,
  };
  const request = { ipChain: (event.request?.ipChain ?? []).map((entry) => ({ source: null, ...entry })) };
  return { legacyEventType: null, ...event, actor, client, outcome, target, transaction, authenticationContext, request };
}

/** An event as the org serves it (the API, the control API, hook deliveries): with Okta's nulls if the org says so. */
export function renderLogEvent(event: LogEvent, options: { logEventNulls: boolean }): LogEvent | Record<string, unknown> {
  return options.logEventNulls ? withOktaNulls(event) : event;
}
