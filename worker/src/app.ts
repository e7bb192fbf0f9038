import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { z } from "zod";
import { AppError } from "../../shared/errors";
import { authenticate } from "./auth/authenticate";
import { loadEnv } from "./env";
import { onError, onNotFound } from "./http/errors";
import { declare, json, routeGroup } from "./http/openapi";
import { acsRoutes } from "./routes/acs";
import { apiKeyRoutes } from "./routes/api-keys";
import { apiReferenceRoutes } from "./routes/api-reference";
import { auditRoutes } from "./routes/audit";
import { credentialTestRoutes } from "./routes/credential-test";
import { credentialRoutes } from "./routes/credentials";
import { extensionTokenRoutes } from "./routes/extension-token";
import { frontDoorRoutes } from "./routes/front-door";
import { jwksRoutes } from "./routes/jwks";
import { oktaContextRoutes } from "./routes/okta-context";
import { oktaEventHookRoutes } from "./routes/okta-event-hook";
import { oktaHookRoutes } from "./routes/okta-hook";
import { oktaProxyRoutes } from "./routes/okta-proxy";
import { orgHomeRoutes } from "./routes/org-home";
import { orgLogRoutes } from "./routes/org-log";
import { orgRoutes } from "./routes/orgs";
import { pageStyleRoutes } from "./routes/page-style";
import { personaRoutes } from "./routes/persona";
import { personaAutomationRoutes } from "./routes/persona-automation";
import { personaWebhookRoutes } from "./routes/persona-webhook";
import { registerExtensionRoutes } from "./routes/register-extension";
import { scimRoutes } from "./routes/scim";
import { scimTokenRoutes } from "./routes/scim-tokens";
import { sessionRoutes } from "./routes/session";
import { sloRoutes } from "./routes/slo";
import { spEndpointRoutes } from "./routes/sp-endpoints";
import { ssoConfigRoutes } from "./routes/sso-config";
import { timelineRoutes } from "./routes/timeline";
import { userRoutes } from "./routes/users";
import { verificationPolicyRoutes } from "./routes/verification-policy";
import { verificationRoutes } from "./routes/verifications";
import { WORKER_VERSION } from "./version";

const HealthSchema = z.object({ ok: z.literal(true) });

/** Hard cap on any request body; routes apply tighter ones. */
const MAX_BODY_BYTES = 1024 * 1024 + 4096;

/** Builds the worker's application. `clock` is injectable so tests can pin time. */
export function createApp(clock: () => number = Date.now) {
  const app = routeGroup();
  app.onError(onError);
  app.notFound(onNotFound);
  app.use("*", async (c, next) => {
    c.set("requestId", c.req.header("cf-ray") ?? crypto.randomUUID());
    c.set("nowMs", clock());
    c.set("env", loadEnv(c.env));
    await next();
    c.header("x-request-id", c.get("requestId"));
  });
  app.use("*", secureHeaders({ crossOriginResourcePolicy: false }));
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError("payload_too_large", "request body is too large");
      },
    }),
  );
  app.openapi(declare({ method: "get", path: "/health", tags: ["Platform"], responses: { 200: json(HealthSchema, "The worker is up.") } }), (c) =>
    c.json({ ok: true as const }, 200),
  );
  // The document describes the app as mounted below (read at request time): every route declares its schemas (http/openapi.ts).
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Persona Okta Companion worker", version: WORKER_VERSION, description: "Every route, its request and its answers." },
  });
  // The public pages: the front door, the API reference and the pages' stylesheet (no organization, no session).
  app.route("/", frontDoorRoutes);
  app.route("/", apiReferenceRoutes);
  app.route("/", pageStyleRoutes);
  // Okta actions first: their caller is verified by the organization's gate in the action's own call (gateScope),
  // not by `authenticate`, which would cost a second Durable Object call.
  // The gate's routes verify their caller inside the organization's gate (routes/gate-scope.ts), not here.
  app.route("/", oktaProxyRoutes);
  app.route("/", oktaContextRoutes);
  app.route("/", verificationRoutes);
  app.route("/", timelineRoutes);
  // SCIM (docs/scim.md): outside /api, so `authenticate` never runs there; its own scope accepts a SCIM token only.
  app.route("/", scimRoutes);
  app.use("/api/*", authenticate);
  app.route("/", orgRoutes);
  app.route("/", ssoConfigRoutes);
  app.route("/", userRoutes);
  app.route("/", orgLogRoutes);
  app.route("/", credentialRoutes);
  app.route("/", credentialTestRoutes);
  app.route("/", personaRoutes);
  app.route("/", auditRoutes);
  app.route("/", apiKeyRoutes);
  app.route("/", scimTokenRoutes);
  app.route("/", personaAutomationRoutes);
  app.route("/", verificationPolicyRoutes);
  app.route("/", sessionRoutes);
  app.route("/", orgHomeRoutes);
  app.route("/", registerExtensionRoutes);
  app.route("/", extensionTokenRoutes);
  app.route("/", spEndpointRoutes);
  app.route("/", acsRoutes);
  app.route("/", sloRoutes);
  app.route("/", personaWebhookRoutes);
  app.route("/", oktaEventHookRoutes);
  app.route("/", oktaHookRoutes);
  app.route("/", jwksRoutes);
  return app;
}
