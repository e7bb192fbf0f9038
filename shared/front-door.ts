import { z } from "zod";

/**
 * The front door (`GET /`, worker/src/routes/front-door.tsx): what a deployment is and whether its storage answers,
 * for a person in a browser (HTML) or a monitor asking for `application/json` (this schema). It names no
 * organization and no secret: configuration appears as booleans only.
 */

/** One storage check: it answered, it failed, or it did not answer in time. */
export const ProbeStatusSchema = z.enum(["ok", "unreachable", "timeout"]);
export type ProbeStatus = z.infer<typeof ProbeStatusSchema>;

export const HealthChecksSchema = z.object({
  /** A read of a key nobody writes in the `CONFIG` namespace. */
  kv: ProbeStatusSchema,
  /** A read-only call to one fixed Durable Object that no organization can own. */
  durableObjects: ProbeStatusSchema,
});
export type HealthChecks = z.infer<typeof HealthChecksSchema>;

/** Where to read on: paths on this worker, and guides by their path in the project's repository. */
export const FrontDoorLinksSchema = z.object({
  apiReference: z.string(),
  openapi: z.string(),
  health: z.string(),
  guides: z.object({ setup: z.string(), deploy: z.string(), extension: z.string() }),
});
export type FrontDoorLinks = z.infer<typeof FrontDoorLinksSchema>;

/** `GET /` with `Accept: application/json`: 200 when every check is `ok`, 503 otherwise, with the same body. */
export const ServiceSummarySchema = z.object({
  service: z.literal("persona-okta-companion"),
  version: z.string(),
  ok: z.boolean(),
  checks: HealthChecksSchema,
  configuration: z.object({
    /** `ENCRYPTION_KEYS` is set: Okta credentials and Persona keys can be stored. */
    encryptionKeys: z.boolean(),
    /** `PUBLIC_BASE_URL` is set: SP URLs use it rather than the request's origin. */
    fixedPublicBaseUrl: z.boolean(),
  }),
  /** Set when a development switch is on (never in production), else null. */
  development: z
    .object({
      /** `ALLOW_LOOPBACK_UPSTREAMS`: IdP metadata, Okta and Persona may be the local fakes on 127.0.0.1. */
      loopbackUpstreams: z.boolean(),
      /** `CHECK_ANSWERS`: every answer is held to its declared schema. */
      checkAnswers: z.boolean(),
    })
    .nullable(),
  links: FrontDoorLinksSchema,
});
export type ServiceSummary = z.infer<typeof ServiceSummarySchema>;

/** The links every front door answers (the worker serves the first three; the guides are repository paths). */
export const FRONT_DOOR_LINKS: FrontDoorLinks = {
  apiReference: "/docs/api",
  openapi: "/openapi.json",
  health: "/health",
  // The worker does not know where its repository is published, so the guides are named by their path in it.
  guides: { setup: "README.md#quick-start-two-commands-fresh-machine-no-internet-beyond-npm", deploy: "docs/deploy.md", extension: "docs/extension.md" },
};
