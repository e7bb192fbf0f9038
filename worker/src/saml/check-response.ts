import type { Element } from "@xmldom/xmldom";
import { AppError } from "../../../shared/errors";
import { quoteUntrusted } from "../../../shared/untrusted-text";
import { childElements, singleChild, textOf } from "../xml/children";
import { NS, STATUS_SUCCESS } from "./namespaces";

const structure = (message: string) => () => new AppError("saml_structure_invalid", message);

/**
 * docs/saml-checks.md §6, on the verified Response and Assertion: the top-level status is Success, the
 * Response was addressed to this ACS (a response captured for another SP or organization fails here), and
 * every Issuer is exactly the IdP's entityID (Okta's is `http://…`: compared byte for byte, no normalising).
 */
export function checkResponse(response: Element, assertion: Element, expected: { acsUrl: string; idpEntityId: string }): void {
  if (response.getAttribute("Version") !== "2.0" || assertion.getAttribute("Version") !== "2.0") {
    throw new AppError("saml_structure_invalid", "not a SAML 2.0 message");
  }
  const status = singleChild(response, NS.protocol, "Status", structure("more than one Status"));
  const code = status && singleChild(status, NS.protocol, "StatusCode", structure("more than one StatusCode"));
  const value = code?.getAttribute("Value");
  if (value !== STATUS_SUCCESS) {
    throw new AppError("saml_status_not_success", `IdP answered status ${quoteUntrusted(value)}`, { status: value ? quoteUntrusted(value) : null });
  }
  if (response.getAttribute("Destination") !== expected.acsUrl) {
    throw new AppError("saml_destination_mismatch", "Response Destination is not this organization's ACS", {
      destination: quoteUntrusted(response.getAttribute("Destination")),
    });
  }
  const responseIssuers = childElements(response, NS.assertion, "Issuer");
  if (responseIssuers.length > 1) throw new AppError("saml_structure_invalid", "more than one Response Issuer");
  if (responseIssuers[0] && textOf(responseIssuers[0]) !== expected.idpEntityId) {
    throw new AppError("saml_issuer_mismatch", "Response Issuer is not the configured IdP", { issuer: quoteUntrusted(textOf(responseIssuers[0])) });
  }
  const assertionIssuer = singleChild(assertion, NS.assertion, "Issuer", structure("more than one Assertion Issuer"));
  if (!assertionIssuer || textOf(assertionIssuer) !== expected.idpEntityId) {
    throw new AppError("saml_issuer_mismatch", "Assertion Issuer is not the configured IdP", {
      issuer: assertionIssuer ? quoteUntrusted(textOf(assertionIssuer)) : null,
    });
  }
}
