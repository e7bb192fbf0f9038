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

type Walked = { assertions: Element[]; encryptedAssertions: Element[]; signatures: Element[] };

/** One walk over a tree: refuses processing instructions and repeated IDs (across `ids`), collects what §3 counts. */
function walk(root: Element, ids: Set<string>): Walked {
  const walked: Walked = { assertions: [], encryptedAssertions: [], signatures: [] };
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
      if (element.localName === "Assertion") walked.assertions.push(element);
      if (element.localName === "EncryptedAssertion") walked.encryptedAssertions.push(element);
    }
    if (element.namespaceURI === NS.dsig && element.localName === "Signature") walked.signatures.push(element);
    for (let child = element.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  return walked;
}

/** Each signature sits directly under one of `parents`, at most one per parent (index-aligned answer). */
function placeSignatures(signatures: Element[], parents: Element[]): Array<Element | undefined> {
  const placed: Array<Element | undefined> = parents.map(() => undefined);
  for (const signature of signatures) {
    const index = parents.indexOf(signature.parentNode as Element);
    if (index < 0 || placed[index]) throw structure("a Signature is misplaced or repeated");
    placed[index] = signature;
  }
  return placed;
}

function checkRoot(root: Element): void {
  if (root.namespaceURI !== NS.protocol || root.localName !== "Response") {
    throw structure("root element is not a SAML 2.0 protocol Response");
  }
}

/**
 * docs/saml-checks.md §3 (and §4.1, where signatures may sit), in one walk over the whole document:
 * - exactly one protocol `Response` root and exactly one `Assertion`, a direct child of it: wrapping attacks
 *   (XSW1-8) all add a second Assertion or Response somewhere (Extensions, Object, Advice, a wrapper element);
 * - no `EncryptedAssertion` (this is the plain path; {@link locateEncryptedResponse} is the other), no processing
 *   instruction anywhere;
 * - every `ds:Signature` is a direct child of the Response or the Assertion, one per parent: a signature
 *   elsewhere can only be there to make a verifier look at the wrong element;
 * - every ID value is unique, so a `#id` Reference can point at one element only.
 * Elements are matched by namespace URI and local name, never by prefix or local name alone.
 */
export function locateElements(root: Element): LocatedResponse {
  checkRoot(root);
  const { assertions, encryptedAssertions, signatures } = walk(root, new Set());
  if (encryptedAssertions.length > 0) {
    throw new AppError("saml_encrypted_unsupported", "encrypted assertions are not turned on for this organization");
  }
  if (assertions.length !== 1) throw structure(`expected exactly one Assertion, found ${assertions.length}`);
  const assertion = assertions[0]!;
  if (assertion.parentNode !== root) throw structure("the Assertion is not a direct child of the Response");
  const [responseSignature, assertionSignature] = placeSignatures(signatures, [root, assertion]);
  return { response: root, assertion, responseSignature, assertionSignature };
}

export type LocatedEncryptedResponse = {
  response: Element;
  encryptedAssertion: Element;
  responseSignature: Element | undefined;
  /** Every ID of the Response: the decrypted Assertion may not reuse one. */
  ids: Set<string>;
};

/**
 * docs/saml-checks.md §3.1, the encrypted path: the same walk, with exactly one `EncryptedAssertion`, a direct
 * child of the Response, and no plain `Assertion` anywhere (a plain one beside it is the wrapping attack of this
 * path: a verifier could check one and a reader use the other). Only the Response may carry a Signature here.
 */
export function locateEncryptedResponse(root: Element): LocatedEncryptedResponse {
  checkRoot(root);
  const ids = new Set<string>();
  const { assertions, encryptedAssertions, signatures } = walk(root, ids);
  if (encryptedAssertions.length === 0) {
    throw new AppError("saml_encryption_required", "this organization accepts encrypted assertions only");
  }
  if (encryptedAssertions.length !== 1) throw structure(`expected exactly one EncryptedAssertion, found ${encryptedAssertions.length}`);
  if (assertions.length !== 0) throw structure("an Assertion beside the EncryptedAssertion");
  const encryptedAssertion = encryptedAssertions[0]!;
  if (encryptedAssertion.parentNode !== root) throw structure("the EncryptedAssertion is not a direct child of the Response");
  const [responseSignature] = placeSignatures(signatures, [root]);
  return { response: root, encryptedAssertion, responseSignature, ids };
}

/**
 * The decrypted payload, parsed on its own: its root must be the one `Assertion` (nothing else was encrypted to
 * us), with no Assertion or EncryptedAssertion inside, IDs unique across it and the Response, and its Signature,
 * if any, a direct child. `decryptionFailed` is what a wrong shape answers (docs/saml-checks.md §3.1).
 */
export function locateDecryptedAssertion(root: Element, ids: Set<string>, refuse: () => AppError): Omit<LocatedResponse, "response" | "responseSignature"> {
  if (root.namespaceURI !== NS.assertion || root.localName !== "Assertion") throw refuse();
  let walked: Walked;
  try {
    walked = walk(root, ids);
  } catch {
    throw refuse();
  }
  if (walked.assertions.length !== 1 || walked.encryptedAssertions.length !== 0) throw refuse();
  const [assertionSignature] = placeSignatures(walked.signatures, [root]);
  return { assertion: root, assertionSignature };
}
