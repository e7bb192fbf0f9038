import type { Element, Node } from "@xmldom/xmldom";
import { AppError } from "../../../shared/errors";
import { quoteUntrusted } from "../../../shared/untrusted-text";
import { childElements, singleChild, textOf } from "../xml/children";
import { NS } from "./namespaces";
import { parseOptionalSamlTime, parseSamlTime } from "./xml-time";

export type ConditionsCheck = { notOnOrAfterMs: number; sessionNotOnOrAfterMs: number | undefined };

const structure = (message: string) => () => new AppError("saml_structure_invalid", message);

/** Conditions we understand; SAML core makes any other condition "Indeterminate", i.e. not valid. */
const KNOWN_CONDITIONS = new Set(["AudienceRestriction", "OneTimeUse", "ProxyRestriction"]);

/**
 * docs/saml-checks.md §8: one Conditions element whose window contains now (with `skewMs` of tolerance on each
 * side), every AudienceRestriction naming this organization's entityID (so an assertion minted for another
 * SP or another organization of ours is refused), and an AuthnStatement whose SessionNotOnOrAfter, if any,
 * will bound our session.
 */
export function checkConditions(assertion: Element, expected: { audience: string; nowMs: number; skewMs: number }): ConditionsCheck {
  const conditions = singleChild(assertion, NS.assertion, "Conditions", structure("more than one Conditions"));
  if (!conditions) throw new AppError("saml_structure_invalid", "Assertion has no Conditions");
  const notBefore = parseOptionalSamlTime(conditions.getAttribute("NotBefore"), "Conditions NotBefore");
  const notOnOrAfter = parseSamlTime(conditions.getAttribute("NotOnOrAfter"), "Conditions NotOnOrAfter");
  if (notBefore !== undefined && notBefore > expected.nowMs + expected.skewMs) {
    throw new AppError("saml_not_yet_valid", "the assertion is not valid yet");
  }
  if (expected.nowMs - expected.skewMs >= notOnOrAfter) {
    throw new AppError("saml_expired", "the assertion has expired");
  }

  let restrictions = 0;
  for (let child: Node | null = conditions.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== child.ELEMENT_NODE) continue;
    const condition = child as Element;
    if (condition.namespaceURI !== NS.assertion || !KNOWN_CONDITIONS.has(condition.localName ?? "")) {
      throw new AppError("saml_structure_invalid", `unsupported condition ${quoteUntrusted(condition.localName)}`);
    }
    if (condition.localName !== "AudienceRestriction") continue;
    restrictions++;
    const audiences = childElements(condition, NS.assertion, "Audience").map((audience) => textOf(audience).trim());
    if (!audiences.includes(expected.audience)) {
      throw new AppError("saml_audience_mismatch", "the assertion is not addressed to this organization", {
        audiences: audiences.slice(0, 5).map((audience) => quoteUntrusted(audience)),
      });
    }
  }
  if (restrictions === 0) throw new AppError("saml_audience_mismatch", "the assertion has no AudienceRestriction");

  const authn = childElements(assertion, NS.assertion, "AuthnStatement");
  if (authn.length === 0) throw new AppError("saml_authn_statement_missing", "the assertion has no AuthnStatement");
  const sessionLimits = authn
    .map((statement) => parseOptionalSamlTime(statement.getAttribute("SessionNotOnOrAfter"), "SessionNotOnOrAfter"))
    .filter((ms): ms is number => ms !== undefined);
  const sessionNotOnOrAfterMs = sessionLimits.length > 0 ? Math.min(...sessionLimits) : undefined;
  if (sessionNotOnOrAfterMs !== undefined && sessionNotOnOrAfterMs <= expected.nowMs) {
    throw new AppError("saml_expired", "the IdP session has already ended");
  }
  return { notOnOrAfterMs: notOnOrAfter, sessionNotOnOrAfterMs };
}
