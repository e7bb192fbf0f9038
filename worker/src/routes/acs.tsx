import { setCookie } from "hono/cookie";
import { z } from "zod";
import { AppError, isAppError } from "../../../shared/errors";
import { OrgIdSchema, type OrgSettings } from "../../../shared/orgs";
import { highestRole, type Role } from "../../../shared/roles";
import { EXTENSION_CODE_TTL_MS, newExtensionCode } from "../auth/extension-login";
import { encodeSessionCookie, hashToken, newSessionToken, SESSION_COOKIE } from "../auth/session-token";
import { type AppContext, baseUrl } from "../http/context";
import { errorResponse } from "../http/errors";
import { declare, routeGroup } from "../http/openapi";
import { securePage } from "../http/page-security";
import { MAX_SAML_RESPONSE_CHARS } from "../saml/decode-response";
import { validateAcsResponse } from "../saml/index";
import { relayTarget } from "../saml/relay-state";
import { spEncryptionKey } from "../saml/sp-keys";
import { spUrls } from "../saml/sp-urls";
import { ssoSettingsOf } from "../storage/org-config";
import { orgStore } from "../storage/org-store-client";
import { orgOf, publicOrg } from "./org-scope";
import { ErrorPage, ExtensionHandoffPage } from "./pages";

/** A form post carries the base64 response plus RelayState; anything larger is not a SAML response. */
const MAX_FORM_CHARS = MAX_SAML_RESPONSE_CHARS * 2;

async function readSamlForm(c: AppContext): Promise<{ samlResponse: string; relayState: string | undefined }> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header("content-type") ?? "")) {
    throw new AppError("saml_request_invalid", "expected an HTML form post");
  }
  if (Number(c.req.header("content-length") ?? "0") > MAX_FORM_CHARS) throw new AppError("saml_too_large", "form is too large");
  // Read as bytes: a form body is ASCII by definition (percent-encoded), and the runtime warns on .text() of it.
  const text = new TextDecoder().decode(await c.req.arrayBuffer());
  if (text.length > MAX_FORM_CHARS) throw new AppError("saml_too_large", "form is too large");
  const form = new URLSearchParams(text);
  const responses = form.getAll("SAMLResponse");
  const relayStates = form.getAll("RelayState");
  if (responses.length !== 1 || relayStates.length > 1) {
    throw new AppError("saml_request_invalid", "expected exactly one SAMLResponse and at most one RelayState");
  }
  return { samlResponse: responses[0]!, relayState: relayStates[0] || undefined };
}

/** The role a configured mapping grants from the assertion's attributes (highest match), if any. */
function mappedRole(settings: OrgSettings, attributes: ReadonlyMap<string, readonly string[]>): Role | undefined {
  const mapping = settings.roleMapping;
  if (!mapping) return undefined;
  const values = new Set(attributes.get(mapping.attribute) ?? []);
  return highestRole(mapping.rules.filter((rule) => values.has(rule.value)).map((rule) => rule.role));
}

/** Browsers get a short page, API clients and tests the JSON error body: both carry the code and a 4xx. */
function refuse(c: AppContext, error: AppError) {
  const requestId = c.get("requestId");
  if ((c.req.header("accept") ?? "").includes("text/html")) {
    securePage(c);
    return c.html(<ErrorPage code={error.code} requestId={requestId} />, error.status as never);
  }
  // The browser learns the code only; the reason is in the organization's log.
  return errorResponse(c, new AppError(error.code, "sign-in failed"));
}

/**
 * The Assertion Consumer Service: every check of docs/saml-checks.md, then JIT provisioning and a session, all in one
 * Durable Object transaction (so a refused response writes nothing but a log line). Failures are logged with
 * their reason for the organization's admins; the browser only sees the code.
 */
const acs = declare({
  method: "post",
  path: "/{org}/acs",
  middleware: publicOrg,
  tags: ["Sign-in"],
  request: {
    params: z.object({ org: OrgIdSchema }),
    // Documented, not validated here: readSamlForm reads the form itself, so that every refusal is logged with
    // its SAML code. (A zod schema here would add a validator that answers before the log.)
    body: {
      required: true,
      content: {
        "application/x-www-form-urlencoded": {
          schema: {
            type: "object" as const,
            properties: { SAMLResponse: { type: "string" as const }, RelayState: { type: "string" as const } },
            required: ["SAMLResponse"],
          },
        },
      },
    },
  },
  responses: {
    200: {
      description: "An extension sign-in: a no-store page that hands the one-time code to the extension.",
      content: { "text/html": { schema: { type: "string" as const } } },
    },
    303: { description: "Signed in: the session cookie, and on to RelayState or the landing page." },
  },
});

export const acsRoutes = routeGroup().openapi(acs, async (c) => {
  const org = orgOf(c);
  const { settings, idp } = org;
  const env = c.get("env");
  const store = orgStore(env, settings.id);
  const nowMs = c.get("nowMs");
  try {
    if (!idp) throw new AppError("sso_not_configured", "single sign-on is not configured for this organization");
    const form = await readSamlForm(c);
    const base = baseUrl(c);
    const target = form.relayState === undefined ? `${base}/${settings.id}/` : relayTarget(form.relayState, base);
    const urls = spUrls(base, settings.id);
    // docs/saml-checks.md §3.1: with requireEncryptedAssertions only an EncryptedAssertion is accepted.
    const encryption = {
      required: ssoSettingsOf(org).options.requireEncryptedAssertions,
      key: env.ENCRYPTION_KEYS ? () => spEncryptionKey(env, settings.id, nowMs) : undefined,
    };
    const assertion = await validateAcsResponse(
      form.samlResponse,
      {
        nowMs,
        acsUrl: urls.acsUrl,
        audience: urls.entityId,
        idpEntityId: idp.entityId,
        idpCertificates: idp.certificates.map((certificate) => certificate.base64),
        allowUnsolicited: settings.allowIdpInitiated,
        emailAttribute: settings.emailAttribute,
      },
      encryption,
    );
    const token = newSessionToken();
    const extensionCode = newExtensionCode();
    const sessionExpiresAtMs = Math.min(nowMs + env.SESSION_TTL_SECONDS * 1000, assertion.sessionNotOnOrAfterMs ?? Infinity);
    const result = await store.completeLogin({
      nowMs,
      assertionId: assertion.assertionId,
      replayUntilMs: assertion.replayUntilMs,
      inResponseTo: assertion.inResponseTo,
      email: assertion.email,
      defaultRole: settings.defaultRole,
      mappingConfigured: settings.roleMapping !== null,
      mappedRole: mappedRole(settings, assertion.attributes),
      sessionTokenHash: hashToken(token),
      sessionExpiresAtMs,
      extensionCodeHash: hashToken(extensionCode),
      extensionCodeTtlMs: EXTENSION_CODE_TTL_MS,
      // Single logout names the session by these (docs/saml-checks.md, "Single logout").
      saml: assertion.nameId
        ? { nameId: assertion.nameId, nameIdFormat: assertion.nameIdFormat ?? null, sessionIndex: assertion.sessionIndex ?? null }
        : undefined,
    });
    if (!result.ok)
      throw new AppError(result.code, result.code === "user_disabled" ? "this user is disabled" : "the response was already used or not requested");
    await store.log(
      {
        event: "sso.login",
        budget: "authenticated",
        message: `${result.user.email} signed in as ${result.user.role}${result.extension ? ` (extension ${result.extension.extensionId})` : ""}`,
        details: { userId: result.user.id, solicited: assertion.inResponseTo !== undefined, extensionId: result.extension?.extensionId ?? null },
      },
      nowMs,
    );
    c.header("cache-control", "no-store");
    if (result.extension) {
      // The only off-origin destination: the registered extension's own URL (validated at /login, stored with the
      // AuthnRequest ID), with a one-time code that is useless without the extension's PKCE verifier. No cookie.
      // A page that navigates there, not a 303: see ExtensionHandoffPage (an IdP's form-action CSP blocks a 303).
      const location = new URL(result.extension.redirectUri);
      location.searchParams.set("code", extensionCode);
      c.header("referrer-policy", "no-referrer");
      c.header("content-security-policy", "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
      return c.html(<ExtensionHandoffPage href={location.toString()} />);
    }
    setCookie(c, SESSION_COOKIE, encodeSessionCookie(settings.id, token), {
      path: "/",
      secure: true,
      httpOnly: true,
      sameSite: "Lax",
      maxAge: Math.max(1, Math.floor((sessionExpiresAtMs - nowMs) / 1000)),
    });
    return c.redirect(target, 303);
  } catch (error) {
    if (!isAppError(error)) throw error;
    await store.log(
      // Anyone can post to the ACS: refusals live in the budget that cannot evict real sign-ins (org-log.ts).
      {
        event: "sso.login_failed",
        budget: "unauthenticated",
        code: error.code,
        message: error.message,
        details: { requestId: c.get("requestId"), ...error.details },
      },
      nowMs,
    );
    return refuse(c, error);
  }
});
