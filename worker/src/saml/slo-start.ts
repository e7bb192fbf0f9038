import type { AppEnv } from "../env";
import { type OrgRecord, ssoSettingsOf } from "../storage/org-config";
import type { SamlSessionRef } from "../storage/org-store/sessions";
import type { OrgStoreStub } from "../storage/org-store-client";
import { newRequestId } from "./authn-request";
import { buildLogoutRequestXml, LOGOUT_REQUEST_TTL_MS } from "./logout-build";
import { redirectUrl } from "./redirect-binding";
import { spSigningKey } from "./sp-keys";
import { spUrls } from "./sp-urls";

/**
 * SP-initiated single logout (docs/saml-checks.md, "Single logout"), after our session has ended: the IdP URL
 * carrying a LogoutRequest for the assertion that started it (its NameID, Format and SessionIndex), signed on the
 * HTTP-Redirect binding with the organization's SP signing key. Its ID is remembered once, so exactly one
 * LogoutResponse may answer it. Null when there is nothing to tell the IdP: SLO off, or no Redirect endpoint.
 */
export async function spLogoutRedirect(input: {
  env: AppEnv;
  org: OrgRecord;
  session: SamlSessionRef;
  base: string;
  nowMs: number;
  store: OrgStoreStub;
}): Promise<string | null> {
  const { env, org, session, nowMs, store } = input;
  const destination = org.idp?.sloUrlRedirect;
  if (!ssoSettingsOf(org).options.singleLogout || destination === undefined) return null;
  const id = newRequestId();
  const xml = buildLogoutRequestXml({ id, nowMs, destination, issuer: spUrls(input.base, org.settings.id).entityId, ...session });
  const { privateKey } = await spSigningKey(env, org.settings.id, nowMs);
  await store.rememberLogoutRequest(id, nowMs + LOGOUT_REQUEST_TTL_MS, nowMs);
  return redirectUrl(destination, { parameter: "SAMLRequest", xml, signingKey: privateKey });
}
