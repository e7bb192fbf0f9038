import { z } from "zod";
import { AuditEntrySchema } from "./audit";
import { SealedSchema } from "./credentials";
import { HttpsUrlSchema } from "./https-url";
import { OktaActionSchema } from "./okta-actions";
import { GateableActionSchema } from "./verification";

/** Persona's API root (docs/persona.md §1.1); a configured base URL includes the `/api/v1` path, like this one. */
export const PERSONA_DEFAULT_BASE_URL = "https://api.withpersona.com/api/v1";

/** Persona's API keys name their environment: `persona_sandbox_…` or `persona_production_…`. */
export const PersonaEnvironmentSchema = z.enum(["sandbox", "production"]);
export type PersonaEnvironment = z.infer<typeof PersonaEnvironmentSchema>;

/**
 * A Persona API key. The prefix is required: it is how the environment is known, and it catches the likely paste
 * mistakes (a webhook secret `wbhsec_…`, an Okta token) before anything is stored or sent.
 */
export const PersonaApiKeySchema = z
  .string()
  .trim()
  .regex(/^persona_(sandbox|production)_[\x21-\x7e]{8,400}$/, "a Persona API key (persona_sandbox_… or persona_production_…)");

/** The environment a key belongs to, from its prefix. */
export function personaEnvironmentOf(apiKey: string): PersonaEnvironment {
  return apiKey.startsWith("persona_production_") ? "production" : "sandbox";
}

/** A name of a Persona account or case field (tenant-configured; it must be marked searchable in Persona). */
const FieldNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a Persona field name such as email_address");

/**
 * Matching by email, when an account's `reference-id` is not the Okta user ID: `POST /accounts/search` on
 * `fields.<accountField>` and/or `POST /cases/search` on `fields.<caseField>` (eventually consistent, ~1 min).
 */
export const MatchByEmailSchema = z.strictObject({
  enabled: z.boolean(),
  accountField: FieldNameSchema.optional(),
  caseField: FieldNameSchema.optional(),
});

/** Per-organization behaviour of the Persona integration. */
export const PersonaSettingsSchema = z.object({
  matchByEmail: z
    .object({ enabled: z.boolean(), accountField: z.string().nullable(), caseField: z.string().nullable() })
    .default({ enabled: false, accountField: null, caseField: null }),
  /** After a successful lifecycle action, tag the user's newest open case `okta:<past tense>` (best effort). */
  tagCasesAfterActions: z.boolean().default(false),
});
export type PersonaSettings = z.infer<typeof PersonaSettingsSchema>;

const settingsInput = {
  matchByEmail: MatchByEmailSchema.optional(),
  tagCasesAfterActions: z.boolean().optional(),
};

/**
 * `PUT /api/orgs/{org}/persona`: connects (or re-keys) the organization. `baseUrl` defaults to Persona's; it is
 * held to https (loopback http only with ALLOW_LOOPBACK_UPSTREAMS), see worker/src/persona/base-url.ts. Settings
 * not given keep their current value (defaults on first connect).
 */
export const PutPersonaSchema = z.strictObject({
  apiKey: PersonaApiKeySchema,
  baseUrl: z.string().max(256).optional(),
  ...settingsInput,
});
export type PutPersonaInput = z.infer<typeof PutPersonaSchema>;

/** `PATCH /api/orgs/{org}/persona`: settings only, without re-entering the key. */
export const PatchPersonaSchema = z
  .strictObject({ baseUrl: z.string().max(256).optional(), ...settingsInput })
  .refine((body) => Object.keys(body).length > 0, "nothing to update");
export type PatchPersonaInput = z.infer<typeof PatchPersonaSchema>;

/** The organization's Persona connection as stored in KV (`persona:{org}`); the key only sealed. */
export const StoredPersonaSchema = z.object({
  orgId: z.string(),
  baseUrl: z.url(),
  environment: PersonaEnvironmentSchema,
  /** The API key, sealed (AAD `persona:{org}:apiKey`). */
  apiKey: SealedSchema,
  settings: PersonaSettingsSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type StoredPersona = z.infer<typeof StoredPersonaSchema>;

/** What the API answers about the connection: never the key, sealed or not. */
export const PersonaViewSchema = z.union([
  z.object({
    configured: z.literal(true),
    environment: PersonaEnvironmentSchema,
    baseUrl: z.url(),
    settings: PersonaSettingsSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  z.object({ configured: z.literal(false) }),
]);
export type PersonaView = z.infer<typeof PersonaViewSchema>;

/** `POST /api/orgs/{org}/persona/test`: whether the key works, and the fix when it does not. */
export const PersonaTestResultSchema = z.object({
  ok: z.boolean(),
  environment: PersonaEnvironmentSchema,
  baseUrl: z.url(),
  /** Persona's HTTP status (null when Persona was not reached). */
  personaStatus: z.number().int().nullable(),
  /** Our error code when not ok (persona_rejected, persona_rate_limited, persona_unavailable, persona_timeout, …). */
  code: z.string().nullable(),
  /** Persona's `errors[].title` when it refused. */
  title: z.string().nullable(),
  remedy: z.string().nullable(),
  rateLimit: z.object({ limit: z.number().nullable(), remaining: z.number().nullable(), resetSeconds: z.number().nullable() }).nullable(),
});
export type PersonaTestResult = z.infer<typeof PersonaTestResultSchema>;

// ---------------------------------------------------------------------------------------------------------------
// GET /api/orgs/{org}/okta/users/{userId}/context

export const PersonaAccountSchema = z.object({
  id: z.string(),
  referenceId: z.string().nullable(),
  accountTypeName: z.string().nullable(),
  status: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string().nullable(),
  dashboardUrl: HttpsUrlSchema,
});
export type PersonaAccount = z.infer<typeof PersonaAccountSchema>;

/** A case; `status` is Persona's free-form status, `open` is `resolvedAt === null` (docs/persona.md §1.3). */
export const PersonaCaseSchema = z.object({
  id: z.string(),
  status: z.string().nullable(),
  name: z.string().nullable(),
  resolution: z.string().nullable(),
  assigneeId: z.string().nullable(),
  tags: z.array(z.string()),
  open: z.boolean(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  dashboardUrl: HttpsUrlSchema,
});
export type PersonaCase = z.infer<typeof PersonaCaseSchema>;

export const PersonaInquirySchema = z.object({
  id: z.string(),
  status: z.string().nullable(),
  referenceId: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  decisionedAt: z.string().nullable(),
  dashboardUrl: HttpsUrlSchema,
});
export type PersonaInquiry = z.infer<typeof PersonaInquirySchema>;

/** An upstream failure reported inside a 200 context answer: our error code, message and safe details. */
export const PartErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type PartError = z.infer<typeof PartErrorSchema>;

/** What Persona knows about the Okta user, as matched (the cached part of the context). */
export const PersonaMatchSchema = z.object({
  /** How the account (or the cases) were found; null when nothing matched or Persona was not asked. */
  matchedBy: z.enum(["reference-id", "email"]).nullable(),
  /** The one matching account; null when none, or when several matched (then see `accounts`). */
  account: PersonaAccountSchema.nullable(),
  /** Present only when several accounts matched: shown to the person, never guessed between. */
  accounts: z.array(PersonaAccountSchema).optional(),
  ambiguous: z.boolean(),
  /** Open cases first (no resolved-at), then resolved; newest first within each. Always an array. */
  cases: z.array(PersonaCaseSchema),
  /** Newest first. */
  inquiries: z.array(PersonaInquirySchema),
});
export type PersonaMatch = z.infer<typeof PersonaMatchSchema>;

/** A match as held in the organization's Durable Object for a short while (never an error). */
export const CachedPersonaSchema = PersonaMatchSchema.extend({ environment: PersonaEnvironmentSchema, fetchedAt: z.string() });
export type CachedPersona = z.infer<typeof CachedPersonaSchema>;

export const PersonaContextSchema = PersonaMatchSchema.extend({
  environment: PersonaEnvironmentSchema.nullable(),
  /** When Persona was asked (an answer from the short per-organization cache keeps its original time). */
  fetchedAt: z.string().nullable(),
  cached: z.boolean(),
  /** Set when Persona is not configured, refused, timed out or rate-limited; the rest is then empty. */
  error: PartErrorSchema.optional(),
});
export type PersonaContext = z.infer<typeof PersonaContextSchema>;

export const OktaUserSummarySchema = z.object({
  id: z.string(),
  status: z.string(),
  created: z.string().nullable(),
  activated: z.string().nullable(),
  statusChanged: z.string().nullable(),
  lastLogin: z.string().nullable(),
  lastUpdated: z.string().nullable(),
  passwordChanged: z.string().nullable(),
  profile: z.object({
    login: z.string().nullable(),
    email: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
  }),
  groups: z.array(z.object({ id: z.string(), name: z.string().nullable(), type: z.string().nullable() })),
  /** Set when the user was read but their groups could not be. */
  groupsError: PartErrorSchema.optional(),
});
export type OktaUserSummary = z.infer<typeof OktaUserSummarySchema>;

/**
 * `GET /api/orgs/{org}/okta/users/{userId}/context` → 200 whenever the caller may read the organization: each half
 * reports its own failure (`oktaError`, `persona.error`) so the overlay shows what it has.
 */
export const UserContextSchema = z.object({
  userId: z.string(),
  okta: OktaUserSummarySchema.nullable(),
  oktaError: PartErrorSchema.optional(),
  oktaRequestId: z.string().nullable(),
  /**
   * The Okta org the answer comes from: the overlay offers actions only on that org's admin console
   * (`adminConsoleHost`), so a page of another tenant never acts with this organization's credential. Null when no
   * credential could be opened.
   */
  oktaTenant: z.object({ credentialId: z.string(), orgUrl: z.string(), adminConsoleHost: z.string().nullable() }).nullable(),
  allowedActions: z.array(OktaActionSchema),
  /**
   * The actions the organization's verification policy makes wait for a verification of the person who asked
   * (docs/verified-recovery.md); empty when there is no policy.
   */
  verificationRequiredFor: z.array(GateableActionSchema),
  persona: PersonaContextSchema,
  /** The user's latest audit entries, newest first; null when the caller's role may not read the audit (viewer). */
  recentAudit: z.array(AuditEntrySchema).nullable(),
});
export type UserContext = z.infer<typeof UserContextSchema>;
