import { DOMParser, type Document, type Element, type Node } from "@xmldom/xmldom";
import { quoteUntrusted } from "../../../shared/untrusted-text";

/** Why a document was refused by {@link parseStrictXml}. */
export type StrictXmlFailure = "doctype" | "malformed" | "root" | "depth";

export class StrictXmlError extends Error {
  override readonly name = "StrictXmlError";
  constructor(
    readonly reason: StrictXmlFailure,
    message: string,
  ) {
    // xmldom's messages can quote the document (a tag name of any length); what reaches a log is a token's length.
    super(quoteUntrusted(message, 300));
  }
}

/**
 * The deepest element nesting accepted. A SAML response from Okta nests about ten deep; xml-crypto's canonicaliser
 * and the signature checks recurse once per level, so an 8,000-deep Assertion overflowed the stack (a 500).
 */
export const MAX_ELEMENT_DEPTH = 100;

const DOCTYPE_PATTERN = /<!DOCTYPE/i;
const ENTITY_PATTERN = /<!ENTITY/i;
/** Characters XML 1.0 forbids anywhere (§2.2); xmldom lets them through, so they are refused before parsing. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids.
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Parses untrusted XML so that anything but one well-formed element tree is refused.
 *
 * - Any DOCTYPE or ENTITY declaration is refused before parsing: no DTD means no XXE, no external entity
 *   fetch and no billion-laughs expansion. The parsed `doc.doctype` is checked again afterwards.
 * - xmldom *recovers* from a second root element or an undefined entity and only reports it to `onError`;
 *   here every warning and error throws, so recovery never produces a document a later check could misread.
 * - Characters XML 1.0 forbids (NUL and other C0 controls, U+FFFE/U+FFFF, lone surrogates) are refused.
 * - Exactly one element may sit at the top level; only whitespace, comments and the XML declaration may
 *   surround it (a processing instruction or stray text is refused).
 * - Elements nest at most {@link MAX_ELEMENT_DEPTH} deep, so no later recursive walk can overflow.
 */
export function parseStrictXml(xml: string): { doc: Document; root: Element } {
  if (DOCTYPE_PATTERN.test(xml) || ENTITY_PATTERN.test(xml)) {
    throw new StrictXmlError("doctype", "DOCTYPE and ENTITY declarations are not allowed");
  }
  if (FORBIDDEN_CHARACTERS.test(xml)) throw new StrictXmlError("malformed", "character not allowed in XML");
  let doc: Document;
  try {
    doc = new DOMParser({
      locator: false,
      onError: (level, message) => {
        throw new StrictXmlError("malformed", `XML ${level}: ${message}`);
      },
    }).parseFromString(xml, "text/xml");
  } catch (error) {
    if (error instanceof StrictXmlError) throw error;
    // xmldom wraps what onError throws in a ParseError; report every parse failure the same way.
    throw new StrictXmlError("malformed", error instanceof Error ? error.message : "XML could not be parsed");
  }
  if (doc.doctype) throw new StrictXmlError("doctype", "DOCTYPE is not allowed");
  let root: Element | undefined;
  for (let node: Node | null = doc.firstChild; node; node = node.nextSibling) {
    switch (node.nodeType) {
      case node.ELEMENT_NODE:
        if (root) throw new StrictXmlError("root", "more than one root element");
        root = node as Element;
        break;
      case node.COMMENT_NODE:
        break;
      case node.PROCESSING_INSTRUCTION_NODE:
        // xmldom 0.9 keeps the XML declaration as a PI named "xml"; it may only open the document.
        // Any other PI outside the root is refused.
        if (node === doc.firstChild && node.nodeName === "xml") break;
        throw new StrictXmlError("root", "processing instruction outside the root element");
      case node.TEXT_NODE:
        if ((node.nodeValue ?? "").trim() !== "") throw new StrictXmlError("root", "text outside the root element");
        break;
      default:
        throw new StrictXmlError("root", `unexpected node type ${node.nodeType} outside the root element`);
    }
  }
  if (!root) throw new StrictXmlError("root", "no root element");
  checkDepth(root);
  return { doc, root };
}

/** Iterative on purpose: a recursive walk would itself overflow on the documents it exists to refuse. */
function checkDepth(root: Element): void {
  const pending: Array<{ element: Element; depth: number }> = [{ element: root, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.depth > MAX_ELEMENT_DEPTH) throw new StrictXmlError("depth", `elements nest deeper than ${MAX_ELEMENT_DEPTH} levels`);
    for (let child = next.element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === child.ELEMENT_NODE) pending.push({ element: child as Element, depth: next.depth + 1 });
    }
  }
}
