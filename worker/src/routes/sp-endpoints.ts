import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { AppError } from "../../../shared/errors";
import { CODE_CHALLENGE_PATTERN } from "../../../shared/extension";
import { OrgIdSchema, type OrgSettings } from "../../../shared/orgs";
import { extensionRedirectUri } from "../auth/extension-login";
import type { PendingExtensionLogin } from "../gate/org-gate";
import { baseUrl, type HonoEnv } from "../http/context";
import { declare, routeGroup } from "../http/openapi";
import { AUTHN_REQUEST_TTL_MS, buildAuthnRequestRedirect, newRequestId } from "../saml/authn-request";
import { relayTarget } from "../saml/relay-state";
import { spCertificates, spSigningKey } from "../saml/sp-keys";
import { buildSpMetadata } from "../saml/sp-metadata";
import { spUrls } from "../saml/sp-urls";
import { ssoSettingsOf } from "../storage/org-config";
import { orgStore } from "../storage/org-store-client";
import { orgOf, publicOrg } from "./org-scope";

/** Before the query is read: a login needs the organization's IdP. */
const ssoConfigured = createMiddleware<HonoEnv>(async function ssoConfigured(c, next) {
  if (!orgOf(c).idp) throw new AppError("sso_not_configured", "single sign-on is not configured for this organization");
  await next();
});

const loginScope: MiddlewareHandler<HonoEnv>[] = [publicOrg, ssoConfigured];

const LoginQuerySchema = z.object({
  RelayState: z.string().optional(),
  /** Extension sign-in (all four together): the code goes to the extension's redirect URI, bound to a PKCE challenge. */
  extension: z.string().max(128).optional(),
  redirect_uri: z.string().max(1024).optional(),
  code_challenge: z.string().max(128).optional(),
  code_challenge_method: z.string().max(16).optional(),
});

const org = z.object({ org: OrgIdSchema });
const tags = ["Sign-in"];

/** Public SP endpoints of an organization: metadata (the Audience URI) and SP-initiated login. */
export const spEndpointRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      path: "/{org}/metadata",
      middleware: publicOrg,
      tags,
      request: { params: org },
      responses: {
        200: {
          description: "The SP metadata: entity ID (the Audience URI) and ACS URL.",
          content: { "application/samlmetadata+xml": { schema: { type: "string" as const } } },
        },
      },
    }),
    async (c) => {
      const org = orgOf(c);
      const orgId = org.settings.id;
      // The first fetch makes the org's SP keys (docs/saml-checks.md, "SP keys"); without ENCRYPTION_KEYS, none.
      const certificates = await spCertificates(c.get("env"), orgId, c.get("nowMs"));
      const metadata = buildSpMetadata(spUrls(baseUrl(c), orgId), { certificates, authnRequestsSigned: ssoSettingsOf(org).options.signAuthnRequests });
      return c.body(metadata, 200, {
        "content-type": "application/samlmetadata+xml; charset=utf-8",
        "cache-control": "public, max-age=300",
      });
    },
  )
  /** Starts a login at the IdP (HTTP-Redirect); the request ID is remembered once, for one response. */
  .openapi(
    declare({
      method: "get",
      path: "/{org}/login",
      middleware: loginScope,
      tags,
      request: { params: org, query: LoginQuerySchema },
      responses: { 302: { description: "To the IdP, with a SAMLRequest (HTTP-Redirect binding)." } },
    }),
    async (c) => {
      const { settings, idp } = orgOf(c);
      const query = c.req.valid("query");
      const base = baseUrl(c);
      if (query.RelayState !== undefined) relayTarget(query.RelayState, base);
      const extension = extensionLogin(settings, query);
      // Each call stores a row and needs no credential: bounded per client IP and organization before the write.
      const client = c.req.header("cf-connecting-ip") ?? "unknown";
      const { success } = await c.get("env").LOGIN_RATE_LIMIT.limit({ key: `${settings.id}|${client}` });
      if (!success) throw new AppError("login_rate_limited", "too many sign-ins started from this address; try again in a minute", { retryAfterSeconds: 60 });
      const requestId = newRequestId();
      const nowMs = c.get("nowMs");
      await orgStore(c.get("env"), settings.id).rememberAuthnRequest(requestId, nowMs + AUTHN_REQUEST_TTL_MS, nowMs, extension);
      // docs/saml-checks.md, "Signed requests": signed on the Redirect binding when the org turned it on.
      const signingKey = ssoSettingsOf(orgOf(c)).options.signAuthnRequests ? (await spSigningKey(c.get("env"), settings.id, nowMs)).privateKey : undefined;
      const location = await buildAuthnRequestRedirect({
        urls: spUrls(base, settings.id),
        idpSsoUrl: (idp!.ssoUrlRedirect ?? idp!.ssoUrlPost)!,
        requestId,
        nowMs,
        relayState: query.RelayState,
        signingKey,
      });
      c.header("cache-control", "no-store");
      return c.redirect(location, 302);
    },
  );

/** The pending extension login the query asks for, validated; undefined for a plain browser login. */
function extensionLogin(settings: OrgSettings, query: z.infer<typeof LoginQuerySchema>): PendingExtensionLogin | undefined {
  const { extension, redirect_uri, code_challenge, code_challenge_method } = query;
  if (extension === undefined && redirect_uri === undefined && code_challenge === undefined && code_challenge_method === undefined) return undefined;
  if (extension === undefined || redirect_uri === undefined || query.RelayState !== undefined) {
    throw new AppError("extension_login_invalid", "extension, redirect_uri, code_challenge and code_challenge_method=S256 go together, without RelayState");
  }
  const redirectUri = extensionRedirectUri(settings, extension, redirect_uri);
  if (code_challenge_method !== "S256" || code_challenge === undefined || !CODE_CHALLENGE_PATTERN.test(code_challenge)) {
    throw new AppError("extension_login_invalid", "a PKCE code_challenge with code_challenge_method=S256 is required");
  }
  return { extensionId: extension, redirectUri, codeChallenge: code_challenge };
}
