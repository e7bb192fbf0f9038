import type { Document, Element } from "@xmldom/xmldom";
import { AppError } from "../../../shared/errors";
import { parseStrictXml, StrictXmlError } from "../xml/parse-strict";

/** docs/saml-checks.md §2: a parser on which every warning is fatal; no DOCTYPE; one root. */
export function parseResponseXml(xml: string): { doc: Document; root: Element } {
  try {
    return parseStrictXml(xml);
  } catch (error) {
    if (error instanceof StrictXmlError) {
      throw new AppError(error.reason === "doctype" ? "saml_doctype_forbidden" : "saml_xml_invalid", error.message);
    }
    throw new AppError("saml_xml_invalid", "SAMLResponse is not well-formed XML");
  }
}
