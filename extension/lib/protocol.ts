import { z } from "zod";
import { ExtensionTokenResponseSchema } from "../../shared/extension";
import { OktaUserIdSchema } from "../../shared/ids";
import { LifecycleActionSchema } from "../../shared/okta-actions";
import { ClearSessionsResultSchema, LifecycleResultSchema, TemporaryAccessCodeSchema } from "../../shared/okta-proxy";
import { UserContextSchema } from "../../shared/persona";
import { TIMELINE_SOURCES, TimelinePageSchema, TimelineSourceSchema } from "../../shared/timeline";
import {
  GateableActionSchema,
  type RecoveryProof,
  RecoveryProofFields,
  StartedVerificationSchema,
  VerificationIdSchema,
  VerificationListSchema,
  VerificationSchema,
} from "../../shared/verification";
import { SettingsSchema } from "./settings-schema";

/**
 * The whole protocol between the extension's contexts and its background, declared once. The background validates
 * every request with these schemas (the content script runs on a super-admin page, so its messages are treated as
 * hostile input) and every worker answer before passing it on. `from` says who may send it:
 * - `any`: content scripts on an Okta admin page and the extension's own pages;
 * - `page`: only the extension's own pages (options, popup); a content script asking is refused.
 * Nothing here ever carries the bearer token.
 */

/** The signed-in session as the UI sees it: never the token itself. */
export const SessionViewSchema = ExtensionTokenResponseSchema.omit({ token: true }).extend({ workerUrl: z.url() });
export type SessionView = z.infer<typeof SessionViewSchema>;

export const HealthSchema = z.object({ reachable: z.boolean(), status: z.number().int().nullable(), latencyMs: z.number().nullable() });
export type Health = z.infer<typeof HealthSchema>;

/** A worker API path: `/api/…`, no dot segments, no scheme or host, no fragment. */
export const ApiPathSchema = z
  .string()
  .max(512)
  .regex(/^\/api\/[A-Za-z0-9._~\-/%]*(?:\?[A-Za-z0-9._~\-=&%+,:]*)?$/, "a worker API path")
  .refine((path) => !/(^|\/)\.\.?(\/|$|\?)/.test(path) && !path.includes("//"), "no dot segments or empty segments");

export const ApiCallSchema = z.strictObject({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  path: ApiPathSchema,
  body: z.unknown().optional(),
});
export type ApiCall = z.infer<typeof ApiCallSchema>;
export const ApiAnswerSchema = z.object({ status: z.number().int(), body: z.unknown() });
export type ApiAnswer = z.infer<typeof ApiAnswerSchema>;

const empty = z.strictObject({});
const userRef = z.strictObject({ userId: OktaUserIdSchema });
const verificationRef = userRef.extend({ verificationId: VerificationIdSchema });

/**
 * What allows a gated action under the verification policy (docs/verified-recovery.md): the verification, or an
 * admin's override reason (the worker checks the role), never both; passed on in the action's JSON body.
 */
const oneProof = ({ verificationId, overrideReason }: RecoveryProof) => verificationId === undefined || overrideReason === undefined;
const ONE_PROOF = "a verification or an override reason, not both";
/** The access code and ending the sessions: the user and the proof. */
const gatedRequest = userRef.extend(RecoveryProofFields).refine(oneProof, ONE_PROOF);

/**
 * A QR code of the one-time link as uqr's `encode` gives it (rows of modules, `true` dark), made in the background
 * so the QR encoder stays out of the content script's size budget; null when the link is not https.
 */
export const QrModulesSchema = z.array(z.array(z.boolean()).max(177)).max(177);
export type QrModules = z.infer<typeof QrModulesSchema>;

/** A started verification with its one-time link (shown once, kept in memory only) and the link's QR code. */
export const IssuedVerificationSchema = StartedVerificationSchema.extend({ qr: QrModulesSchema.nullable() });
export type IssuedVerification = z.infer<typeof IssuedVerificationSchema>;

/**
 * One timeline page (docs/timeline.md): the sources to show (each once), the previous page's `next`, and optional
 * bounds. The background builds the worker's query from these fields only.
 */
const TimelineRequestSchema = userRef.extend({
  sources: z
    .array(TimelineSourceSchema)
    .min(1)
    .max(TIMELINE_SOURCES.length)
    .refine((sources) => new Set(sources).size === sources.length, "each source once")
    .optional(),
  after: z.string().min(1).max(2000).optional(),
  limit: z.number().int().min(1).max(100).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});

/** The evidence pack as a file to save: the worker's bytes unchanged (JSON checked against its schema first). */
export const EvidenceFileSchema = z.object({
  filename: z.string().regex(/^[A-Za-z0-9._-]{1,160}$/),
  mediaType: z.enum(["application/json", "text/csv"]),
  text: z.string(),
});
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;

export const MESSAGES = {
  "session.get": { from: "any", request: empty, response: SessionViewSchema.nullable() },
  "overlay.context": { from: "any", request: userRef, response: UserContextSchema },
  "overlay.lifecycle": {
    from: "any",
    request: userRef.extend({ action: LifecycleActionSchema, ...RecoveryProofFields }).refine(oneProof, ONE_PROOF),
    response: LifecycleResultSchema,
  },
  "overlay.tac": {
    from: "any",
    request: gatedRequest,
    response: TemporaryAccessCodeSchema,
  },
  /** Ends every Okta session of the user and revokes their OAuth tokens; gated like the other write actions. */
  "overlay.sessions.clear": {
    from: "any",
    request: gatedRequest,
    response: ClearSessionsResultSchema,
  },
  "overlay.timeline": { from: "any", request: TimelineRequestSchema, response: TimelinePageSchema },
  "overlay.evidence": { from: "any", request: userRef.extend({ format: z.enum(["json", "csv"]) }), response: EvidenceFileSchema },
  "overlay.verification.start": { from: "any", request: userRef.extend({ for: GateableActionSchema.optional() }), response: IssuedVerificationSchema },
  "overlay.verification.list": { from: "any", request: userRef, response: VerificationListSchema },
  "overlay.verification.get": { from: "any", request: verificationRef, response: VerificationSchema },
  "overlay.verification.cancel": { from: "any", request: verificationRef, response: z.object({}) },
  "options.open": { from: "any", request: empty, response: z.object({}) },
  "settings.get": { from: "page", request: empty, response: SettingsSchema.nullable() },
  "settings.save": { from: "page", request: SettingsSchema, response: SettingsSchema },
  "auth.signIn": { from: "page", request: empty, response: SessionViewSchema },
  "auth.signOut": { from: "page", request: empty, response: z.object({}) },
  "worker.health": { from: "page", request: empty, response: HealthSchema },
  "api.call": { from: "page", request: ApiCallSchema, response: ApiAnswerSchema },
} as const satisfies Record<string, { from: "any" | "page"; request: z.ZodType; response: z.ZodType }>;

export type MessageType = keyof typeof MESSAGES;
export type RequestOf<T extends MessageType> = z.infer<(typeof MESSAGES)[T]["request"]>;
export type ResponseOf<T extends MessageType> = z.infer<(typeof MESSAGES)[T]["response"]>;

/** Errors of the extension itself; the worker's own codes (shared/errors.ts) pass through unchanged. */
export const EXTENSION_ERROR_CODES = [
  "not_configured",
  "not_signed_in",
  "session_expired",
  "permission_missing",
  "network_error",
  "bad_response",
  "invalid_message",
  "sender_refused",
  "sign_in_failed",
  "sign_in_cancelled",
] as const;
export type ExtensionErrorCode = (typeof EXTENSION_ERROR_CODES)[number];

export const ReplyErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** The worker's HTTP status, when the worker answered. */
  status: z.number().int().nullable(),
  /** The worker's request ID, when the worker answered. */
  requestId: z.string().nullable(),
  /** Okta's own words for an Okta refusal (`errorSummary`, `errorCode`, `oktaRequestId`, …). */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ReplyError = z.infer<typeof ReplyErrorSchema>;

/** What the background answers every message with. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ReplyError };

/** The envelope on the wire: `{ type, payload }`. */
export const EnvelopeSchema = z.strictObject({ type: z.enum(Object.keys(MESSAGES) as [MessageType, ...MessageType[]]), payload: z.unknown() });

/** Background → content script (the keyboard command); the content script checks the sender is its own extension. */
export type TabMessage = { type: "overlay.toggle" };
