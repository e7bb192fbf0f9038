import { z } from "zod";
import { EncryptionKeysSchema } from "./crypto/secret-box";
import type { OrgStore } from "./gate/org-gate";

const binding = <T>(name: string, method: string) =>
  z.custom<T>((value) => typeof value === "object" && value !== null && method in value, `${name} binding is missing`);

/**
 * Every binding and variable the worker reads, checked once per isolate at the entry (see README,
 * "Configuration reference"). A misconfigured deployment fails loudly on its first request instead of
 * half-working.
 */
export const EnvSchema = z.object({
  CONFIG: binding<KVNamespace>("CONFIG (KV)", "get"),
  ORG_STORE: binding<DurableObjectNamespace<OrgStore>>("ORG_STORE (Durable Object)", "idFromName"),
  /** Bounds `GET /{org}/login` per client IP and organization: each call stores a pending AuthnRequest ID. */
  LOGIN_RATE_LIMIT: binding<RateLimit>("LOGIN_RATE_LIMIT (rate limiting)", "limit"),
  /** Break-glass platform credential: creates organizations and acts as admin of any. */
  ADMIN_BOOTSTRAP_TOKEN: z.string().min(32, "ADMIN_BOOTSTRAP_TOKEN must be at least 32 characters"),
  /** Development and tests only: lets upstream URLs (IdP metadata, Okta, Persona) point at loopback over http. */
  ALLOW_LOOPBACK_UPSTREAMS: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  /**
   * Development and tests only: every answer is checked against the schemas its route declares (http/answer-check.ts);
   * a mismatch answers 500 and logs the route. Off in production, where it would only cost time.
   */
  CHECK_ANSWERS: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  /** Optional fixed origin (e.g. a custom domain) for entity IDs and ACS URLs; defaults to the request's origin. */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => new URL(url).origin)
    .optional(),
  /** How long one Okta request may take before it is abandoned (a whole action ends within 25 s regardless). */
  OKTA_ATTEMPT_TIMEOUT_MS: z.coerce.number().int().min(200).max(25_000).default(10_000),
  /**
   * How many Okta calls the organization's gate keeps in flight at once, for all its isolates together. Okta allows
   * 75 concurrent requests per org (docs/okta.md), shared with every other integration of that org: take a share.
   */
  OKTA_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(75).default(20),
  /** How long one Persona request may take (defaults to OKTA_ATTEMPT_TIMEOUT_MS); the context's Persona half ends within 12 s. */
  PERSONA_ATTEMPT_TIMEOUT_MS: z.coerce.number().int().min(200).max(25_000).optional(),
  /** Lifetime of a sign-in session, in seconds (an IdP's SessionNotOnOrAfter can only shorten it). */
  SESSION_TTL_SECONDS: z.coerce.number().int().min(300).max(86_400).default(28_800),
  /**
   * Secret: versioned AES-256-GCM keys sealing stored credentials, `v1:<base64 32 bytes>[,v2:…]` (the highest
   * seals, all open; rotation in crypto/secret-box.ts). Optional so that a SAML-only deployment runs without it:
   * credential routes then answer `encryption_unavailable`. A value that is present but malformed fails loudly.
   */
  ENCRYPTION_KEYS: EncryptionKeysSchema.optional(),
});
export type AppEnv = z.infer<typeof EnvSchema>;

/**
 * The raw bindings as wrangler provides them: whatever {@link EnvSchema} accepts, so the schema is the one
 * description of the worker's environment (test/repo/wrangler-bindings.test.ts checks it against wrangler.toml).
 */
export type Bindings = z.input<typeof EnvSchema>;

const validated = new WeakMap<object, AppEnv>();

/** Parses the bindings once per isolate (the env object is stable for an isolate's lifetime). */
export function loadEnv(raw: Bindings): AppEnv {
  const hit = validated.get(raw);
  if (hit) return hit;
  const result = EnvSchema.safeParse(raw);
  if (!result.success) {
    // Names only: never echo a value, since some of these are secrets.
    const fields = result.error.issues.map((issue) => issue.path.join(".")).join(", ");
    throw new Error(`worker misconfigured: ${fields}`);
  }
  validated.set(raw, result.data);
  return result.data;
}
