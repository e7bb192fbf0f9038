import type { Element } from "@xmldom/xmldom";
import { z } from "zod";
import { AppError } from "../../../shared/errors";
import { childElements, singleChild, textOf } from "../xml/children";
import { NAMEID_EMAIL, NS } from "./namespaces";

export type Identity = {
  email: string;
  nameId: string | undefined;
  /** The NameID's Format and the first AuthnStatement's SessionIndex: what a LogoutRequest names the session by. */
  nameIdFormat: string | undefined;
  sessionIndex: string | undefined;
  /**
   * Every attribute by name, each value as its full text (used for role mapping, e.g. `groups`). A Map, not an
   * object: the names are the IdP's, and one named `constructor` or `__proto__` must not meet Object.prototype.
   */
  attributes: ReadonlyMap<string, readonly string[]>;
};

const EmailSchema = z.email().max(254);

function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!EmailSchema.safeParse(email).success) throw new AppError("saml_email_invalid", "the email is not a valid address");
  return email;
}

/**
 * docs/saml-checks.md §10: exactly one non-empty `email` attribute value (several values, or several `email`
 * attributes, are ambiguous and refused rather than picking one), read as the element's full text content, so a
 * comment injected into the signed value (`admin@corp.com<!---->.evil.com`) cannot truncate it. Only when the
 * attribute is absent does an email-format NameID stand in.
 */
export function extractIdentity(assertion: Element, subject: Element, emailAttribute: string): Identity {
  const attributes = new Map<string, string[]>();
  for (const statement of childElements(assertion, NS.assertion, "AttributeStatement")) {
    for (const attribute of childElements(statement, NS.assertion, "Attribute")) {
      const name = attribute.getAttribute("Name") ?? "";
      const values = childElements(attribute, NS.assertion, "AttributeValue").map(textOf);
      if (name === emailAttribute && attributes.has(name)) {
        throw new AppError("saml_email_ambiguous", "more than one email attribute");
      }
      attributes.set(name, [...(attributes.get(name) ?? []), ...values]);
    }
  }
  const nameIdElement = singleChild(subject, NS.assertion, "NameID", () => new AppError("saml_structure_invalid", "more than one NameID"));
  const nameId = nameIdElement ? textOf(nameIdElement).trim() : undefined;
  const logout = {
    nameIdFormat: nameIdElement?.getAttribute("Format") || undefined,
    sessionIndex: childElements(assertion, NS.assertion, "AuthnStatement")[0]?.getAttribute("SessionIndex") || undefined,
  };

  const values = attributes.get(emailAttribute);
  if (values !== undefined) {
    if (values.length !== 1) throw new AppError("saml_email_ambiguous", `the email attribute has ${values.length} values`);
    if (values[0]!.trim() === "") throw new AppError("saml_email_missing", "the email attribute is empty");
    return { email: normaliseEmail(values[0]!), nameId, ...logout, attributes };
  }
  if (nameIdElement && nameIdElement.getAttribute("Format") === NAMEID_EMAIL && nameId) {
    return { email: normaliseEmail(nameId), nameId, ...logout, attributes };
  }
  throw new AppError("saml_email_missing", "the assertion carries no email attribute and no email NameID");
}
