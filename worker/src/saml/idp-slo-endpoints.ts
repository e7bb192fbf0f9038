import type { Element } from "@xmldom/xmldom";
import { AppError } from "../../../shared/errors";
import { isLoopbackHost } from "../net/safe-fetch";
import { childElements } from "../xml/children";
import { BINDING_POST, BINDING_REDIRECT, NS } from "./namespaces";

/** The IdP's single logout endpoints, by binding (docs/saml-checks.md, "Single logout"). */
export type IdpSloEndpoints = { sloUrlRedirect?: string; sloUrlPost?: string };

/**
 * The first `SingleLogoutService` of each binding in the IDPSSODescriptor. Okta lists them only once SLO is on in
 * the app. The browser carries our signed LogoutRequest there, so the same rule as the SSO URL applies: https, or
 * http on loopback only (a local development IdP), and no credentials in the URL. Every failure is `metadata_invalid`.
 */
export function idpSloEndpoints(idp: Element): IdpSloEndpoints {
  const redirect = sloLocation(idp, BINDING_REDIRECT);
  const post = sloLocation(idp, BINDING_POST);
  return { ...(redirect === undefined ? {} : { sloUrlRedirect: redirect }), ...(post === undefined ? {} : { sloUrlPost: post }) };
}

function sloLocation(idp: Element, binding: string): string | undefined {
  const service = childElements(idp, NS.metadata, "SingleLogoutService").find((element) => element.getAttribute("Binding") === binding);
  if (!service) return undefined;
  const invalid = (message: string) => new AppError("metadata_invalid", message, { binding });
  let url: URL;
  try {
    url = new URL(service.getAttribute("Location") ?? "");
  } catch {
    throw invalid("the SingleLogoutService Location is not a URL");
  }
  if (url.username !== "" || url.password !== "") throw invalid("the SingleLogoutService Location must not contain credentials");
  const secure = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
  if (!secure) throw invalid("the SingleLogoutService Location must be https");
  return url.href;
}
