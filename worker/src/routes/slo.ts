import { html } from "hono/html";
import { z } from "zod";
import { AppError, isAppError } from "../../../shared/errors";
import { OrgIdSchema } from "../../../shared/orgs";
import { type AppContext, baseUrl } from "../http/context";
import { errorResponse } from "../http/errors";
import { declare, routeGroup } from "../http/openapi";
import { newRequestId } from "../saml/authn-request";
import { CLOCK_SKEW_MS } from "../saml/index";
import { buildLogoutResponseXml, STATUS_REQUESTER } from "../saml/logout-build";
import { checkLogoutRequest } from "../saml/logout-request-check";
import { checkLogoutResponse } from "../saml/logout-response-check";
import { pinnedKeys } from "../saml/pinned-keys";
import { redirectUrl } from "../saml/redirect-binding";
import { MAX_LOGOUT_XML_BYTES } from "../saml/slo-decode";
import { readSloMessage, type SloTransport, type VerifiedSloMessage } from "../saml/slo-message";
import { spSigningKey } from "../saml/sp-keys";
import { spUrls } from "../saml/sp-urls";
import { ssoSettingsOf } from "../storage/org-config";
import { orgStore } from "../storage/org-store-client";
import { orgOf, publicOrg } from "./org-scope";

const org = z.object({ org: OrgIdSchema });
const tags = ["Sign-in"];
const MAX_FORM_CHARS = MAX_LOGOUT_XML_BYTES * 2;

/** The browser's landing page once both sides signed out (or we did, and the IdP said it could not). */
function signedOutPage(c: AppContext, orgId: string, idpConfirmed: boolean) {
  c.header("cache-control", "no-store");
  return c.html(
    html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed out · Persona Okta Companion</title></head><body><h1>Signed out</h1><p>${
      idpConfirmed ? "You are signed out here and at Okta." : "You are signed out here; Okta did not confirm its own sign-out."
    }</p><p><a href="/${orgId}/">Sign in again</a></p></body></html>`,
  );
}

async function readTransport(c: AppContext): Promise<SloTransport> {
  if (c.req.method === "GET") return { binding: "redirect", rawQuery: new URL(c.req.url).search.slice(1) };
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header("content-type") ?? "")) {
    throw new AppError("saml_request_invalid", "expected an HTML form post");
  }
  const text = new TextDecoder().decode(await c.req.arrayBuffer());
  if (text.length > MAX_FORM_CHARS) throw new AppError("saml_too_large", "form is too large");
  const form = new URLSearchParams(text);
  const requests = form.getAll("SAMLRequest");
  const responses = form.getAll("SAMLResponse");
  const relayStates = form.getAll("RelayState");
  if (requests.length + responses.length !== 1 || relayStates.length > 1) {
    throw new AppError("saml_request_invalid", "expected exactly one SAMLRequest or SAMLResponse and at most one RelayState");
  }
  return requests.length === 1
    ? { binding: "post", parameter: "SAMLRequest", value: requests[0]!, relayState: relayStates[0] }
    : { binding: "post", parameter: "SAMLResponse", value: responses[0]!, relayState: relayStates[0] };
}

/**
 * `/{org}/slo`, both bindings (docs/saml-checks.md, "Single logout"): the IdP's LogoutRequest (IdP-initiated
 * logout: that user's sessions end, and a signed LogoutResponse goes back to the IdP) or the IdP's LogoutResponse to
 * ours (SP-initiated: its InResponseTo is used up once, and the browser lands on the signed-out page). Every check
 * is the ACS's: signature with pinned keys, issuer, destination, time, replay. A refusal answers the error code and
 * writes nothing but a log line.
 */
async function slo(c: AppContext) {
  const { settings, idp } = orgOf(c);
  const env = c.get("env");
  const store = orgStore(env, settings.id);
  const nowMs = c.get("nowMs");
  try {
    if (!idp) throw new AppError("sso_not_configured", "single sign-on is not configured for this organization");
    if (!ssoSettingsOf(orgOf(c)).options.singleLogout) throw new AppError("slo_disabled", "single logout is not turned on for this organization");
    const urls = spUrls(baseUrl(c), settings.id);
    const message = await readSloMessage(await readTransport(c), {
      nowMs,
      sloUrl: urls.sloUrl,
      idpEntityId: idp.entityId,
      keys: pinnedKeys(idp.certificates.map((certificate) => certificate.base64)),
      skewMs: CLOCK_SKEW_MS,
    });
    if (message.kind === "LogoutResponse") return await answerOurRequest(c, message);
    return await idpInitiated(c, message, urls);
  } catch (error) {
    if (!isAppError(error)) throw error;
    await store.log(
      {
        event: "sso.logout_failed",
        budget: "unauthenticated",
        code: error.code,
        message: error.message,
        details: { requestId: c.get("requestId"), ...error.details },
      },
      nowMs,
    );
    return errorResponse(c, new AppError(error.code, "logout failed"));
  }
}

/** SP-initiated, second half: the IdP answers the LogoutRequest our logout sent. */
async function answerOurRequest(c: AppContext, message: VerifiedSloMessage) {
  const { settings } = orgOf(c);
  const store = orgStore(c.get("env"), settings.id);
  const nowMs = c.get("nowMs");
  const answer = checkLogoutResponse(message);
  if (!(await store.consumeLogoutRequest(answer.inResponseTo, nowMs))) {
    throw new AppError("saml_in_response_to_unknown", "the LogoutResponse answers no pending LogoutRequest of this organization");
  }
  await store.log(
    {
      event: "sso.logout",
      budget: "authenticated",
      message: answer.success ? "the IdP confirmed a single logout" : "the IdP did not confirm a single logout",
      details: { initiatedBy: "sp", status: answer.status },
    },
    nowMs,
  );
  return signedOutPage(c, settings.id, answer.success);
}

/** IdP-initiated: end the sessions the request names, and answer a signed LogoutResponse to the IdP. */
async function idpInitiated(c: AppContext, message: VerifiedSloMessage, urls: ReturnType<typeof spUrls>) {
  const { settings, idp } = orgOf(c);
  const env = c.get("env");
  const store = orgStore(env, settings.id);
  const nowMs = c.get("nowMs");
  const destination = idp?.sloUrlRedirect;
  if (!destination) throw new AppError("slo_disabled", "the IdP metadata lists no HTTP-Redirect SingleLogoutService to answer to");
  let status: string | undefined;
  try {
    const request = checkLogoutRequest(message, { nowMs, skewMs: CLOCK_SKEW_MS });
    const result = await store.idpLogout({ ...request, requestId: request.id, nowMs });
    if (!result.ok) throw new AppError(result.code, "this LogoutRequest was already used");
    await store.log(
      {
        event: "sso.logout",
        budget: "authenticated",
        message: `the IdP ended ${result.ended} session(s)`,
        details: { initiatedBy: "idp", ended: result.ended, sessionIndexes: request.sessionIndexes.length },
      },
      nowMs,
    );
  } catch (error) {
    // A signed, addressed, fresh request we cannot honour (no NameID, an encrypted one) is answered with a failure
    // status, as SAML Core §3.7.3.2 asks; a replay or an expired request is refused outright (neither earns a signed answer).
    if (!isAppError(error) || error.code === "saml_replayed" || error.code === "saml_expired") throw error;
    await store.log(
      { event: "sso.logout_failed", budget: "unauthenticated", code: error.code, message: error.message, details: { initiatedBy: "idp" } },
      nowMs,
    );
    status = STATUS_REQUESTER;
  }
  const xml = buildLogoutResponseXml({
    id: newRequestId(),
    nowMs,
    destination,
    issuer: urls.entityId,
    inResponseTo: message.id,
    ...(status ? { status } : {}),
  });
  const { privateKey } = await spSigningKey(env, settings.id, nowMs);
  c.header("cache-control", "no-store");
  return c.redirect(await redirectUrl(destination, { parameter: "SAMLResponse", xml, relayState: message.relayState, signingKey: privateKey }), 302);
}

const sloBody = {
  required: true,
  content: {
    "application/x-www-form-urlencoded": {
      schema: {
        type: "object" as const,
        properties: { SAMLRequest: { type: "string" as const }, SAMLResponse: { type: "string" as const }, RelayState: { type: "string" as const } },
      },
    },
  },
};
const responses = {
  200: { description: "The IdP answered our LogoutRequest: the signed-out page.", content: { "text/html": { schema: { type: "string" as const } } } },
  302: { description: "The IdP's LogoutRequest was honoured: a signed LogoutResponse, to the IdP (HTTP-Redirect)." },
};

export const sloRoutes = routeGroup()
  /** The SP signing certificate as a PEM file: Okta's "Signature Certificate" upload for single logout. */
  .openapi(
    declare({
      method: "get",
      path: "/{org}/sp-signing.crt",
      middleware: publicOrg,
      tags,
      request: { params: org },
      responses: { 200: { description: "The SP signing certificate (PEM).", content: { "application/x-pem-file": { schema: { type: "string" as const } } } } },
    }),
    async (c) => {
      const { certificateBase64 } = await spSigningKey(c.get("env"), orgOf(c).settings.id, c.get("nowMs"));
      const pem = `-----BEGIN CERTIFICATE-----\n${certificateBase64.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
      return c.body(pem, 200, { "content-type": "application/x-pem-file", "content-disposition": 'attachment; filename="sp-signing.crt"' });
    },
  )
  .openapi(
    declare({
      method: "get",
      path: "/{org}/slo",
      middleware: publicOrg,
      tags,
      // Documented, not validated here: the query signature covers the raw octets, which the handler reads itself.
      request: { params: org },
      responses,
    }),
    slo,
  )
  .openapi(declare({ method: "post", path: "/{org}/slo", middleware: publicOrg, tags, request: { params: org, body: sloBody }, responses }), slo);
