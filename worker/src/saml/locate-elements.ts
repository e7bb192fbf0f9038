import type { Element, Node } from "@xmldom/xmldom";
import { AppError } from "../../../shared/errors";
import { NS } from "./namespaces";

export type LocatedResponse = {
  response: Element;
  assertion: Element;
  /** The ds:Signature that is a direct child of the Response, if any. */
  responseSignature: Element | undefined;
  /** The ds:Signature that is a direct child of the Assertion, if any. */
  assertionSignature: Element | undefined;
};

/** Attribute names that XML-DSig implementations (xml-crypto among them) resolve `#id` references against. */
const ID_ATTRIBUTES = ["ID", "Id", "id"] as const;

const structure = (message: string) => new AppError("saml_structure_invalid", message);

/**
 * docs/saml-checks.md §3 (and §4.1, where signatures may sit), in one walk over the whole document:
 * - exactly one protocol `Response` root and exactly one `Assertion`, a direct child of it: wrapping attacks
 *   (XSW1-8) all add a second Assertion or Response somewhere (Extensions, Object, Advice, a wrapper element);
 * - no `EncryptedAssertion` (we do not configure decryption), no processing instruction anywhere;
 * - every `ds:Signature` is a direct child of the Response or the Assertion, one per parent: a signature
 *   elsewhere can only be there to make a verifier look at the wrong element;
 * - every ID value is unique, so a `#id` Reference can point at one element only.
 * Elements are matched by namespace URI and local name, never by prefix or local name alone.
 */
export function locateElements(root: Element): LocatedResponse {
  if (root.namespaceURI !== NS.protocol || root.localName !== "Response") {
    throw structure("root element is not a SAML 2.0 protocol Response");
  }
  const ids = new Set<string>();
  const assertions: Element[] = [];
  const signatures: Element[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === node.PROCESSING_INSTRUCTION_NODE) throw structure("processing instruction inside the Response");
    if (node.nodeType !== node.ELEMENT_NODE) continue;
    const element = node as Element;
    for (const name of ID_ATTRIBUTES) {
      const value = element.getAttributeNode(name)?.value;
      if (value === undefined) continue;
      if (ids.has(value)) throw structure("duplicate ID in the document");
      ids.add(value);
    }
    if (element.namespaceURI === NS.assertion) {
      if (element.localName === "Assertion") assertions.push(element);
      if (element.localName === "EncryptedAssertion") {
        throw new AppError("saml_encrypted_unsupported", "encrypted assertions are not configured");
      }
    }
    if (element.namespaceURI === NS.dsig && element.localName === "Signature") signatures.push(element);
    for (let child = element.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  if (assertions.length !== 1) throw structure(`expected exactly one Assertion, found ${assertions.length}`);
  const assertion = assertions[0]!;
  if (assertion.parentNode !== root) throw structure("the Assertion is not a direct child of the Response");

  let responseSignature: Element | undefined;
  let assertionSignature: Element | undefined;
  for (const signature of signatures) {
    if (signature.parentNode === root && !responseSignature) responseSignature = signature;
    else if (signature.parentNode === assertion && !assertionSignature) assertionSignature = signature;
    else throw structure("a Signature is misplaced or repeated");
  }
  return { response: root, assertion, responseSignature, assertionSignature };
}
