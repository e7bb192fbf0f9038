import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../../shared/errors";
import { orgStore } from "../auth/org-store";
import { baseUrl, type HonoEnv } from "../http/context";
import { parseParam } from "../http/read-json";
import { AUTHN_REQUEST_TTL_MS, buildAuthnRequestRedirect, newRequestId } from "../saml/authn-request";
import { relayTarget } from "../saml/relay-state";
import { buildSpMetadata } from "../saml/sp-metadata";
import { spUrls } from "../saml/sp-urls";
import { loadOrg } from "./load-org";

const LoginQuerySchema = z.object({ RelayState: z.string().optional() });

/** Public SP endpoints of an organization: metadata (the Audience URI) and SP-initiated login. */
export const spEndpointRoutes = new Hono<HonoEnv>()
  .get("/:org/metadata", async (c) => {
    const { settings } = await loadOrg(c, c.req.param("org"));
    return c.body(buildSpMetadata(spUrls(baseUrl(c), settings.id)), 200, {
      "content-type": "application/samlmetadata+xml; charset=utf-8",
      "cache-control": "public, max-age=300",
    });
  })
  /** Starts a login at the IdP (HTTP-Redirect); the request ID is remembered once, for one response. */
  .get("/:org/login", async (c) => {
    const { settings, idp } = await loadOrg(c, c.req.param("org"));
    if (!idp) throw new AppError("sso_not_configured", "single sign-on is not configured for this organization");
    const query = parseParam(LoginQuerySchema, c.req.query());
    const base = baseUrl(c);
    if (query.RelayState !== undefined) relayTarget(query.RelayState, base);
    const requestId = newRequestId();
    const nowMs = c.get("nowMs");
    await orgStore(c.get("env"), settings.id).rememberAuthnRequest(requestId, nowMs + AUTHN_REQUEST_TTL_MS, nowMs);
    const location = await buildAuthnRequestRedirect({
      urls: spUrls(base, settings.id),
      idpSsoUrl: (idp.ssoUrlRedirect ?? idp.ssoUrlPost)!,
      requestId,
      nowMs,
      relayState: query.RelayState,
    });
    c.header("cache-control", "no-store");
    return c.redirect(location, 302);
  });
