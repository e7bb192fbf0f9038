import type { Element, Node } from "@xmldom/xmldom";
import { AppError } from "../../../shared/errors";
import { quoteUntrusted } from "../../../shared/untrusted-text";
import { C14N_EXCLUSIVE, DIGEST_ALGORITHMS, SIGNATURE_ALGORITHMS, type SignatureAlgorithm, TRANSFORM_ENVELOPED } from "./algorithms";
import { NS } from "./namespaces";

/** A ds:Signature whose shape has been checked; nothing in it is trusted until {@link verifySignature} ran. */
export type SignatureParts = {
  signature: Element;
  signedInfo: Element;
  signatureAlgorithm: SignatureAlgorithm;
  digestAlgorithm: "sha256" | "sha384" | "sha512";
  /** PrefixList of the exclusive c14n Transform of the Reference. */
  referencePrefixes: string[];
  digestValue: Uint8Array;
  signatureValue: Uint8Array;
};

const invalid = (message: string) => new AppError("saml_signature_invalid", message);
const forbidden = (message: string) => new AppError("saml_algorithm_forbidden", message);

/** Element children of `parent`; any non-whitespace text between them is refused (nothing may hide there). */
function elementChildren(parent: Element): Element[] {
  const out: Element[] = [];
  for (let child: Node | null = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE) out.push(child as Element);
    else if (child.nodeType === child.TEXT_NODE && (child.nodeValue ?? "").trim() !== "") {
      throw invalid(`unexpected text inside ${quoteUntrusted(parent.localName)}`);
    } else if (child.nodeType !== child.TEXT_NODE && child.nodeType !== child.COMMENT_NODE) {
      throw invalid(`unexpected node inside ${quoteUntrusted(parent.localName)}`);
    }
  }
  return out;
}

function expectDsig(element: Element | undefined, localName: string): Element {
  if (!element || element.namespaceURI !== NS.dsig || element.localName !== localName) {
    throw invalid(`expected ds:${localName}`);
  }
  return element;
}

function base64Bytes(element: Element): Uint8Array {
  const text = (element.textContent ?? "").replace(/\s+/g, "");
  if (text === "" || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw invalid(`${quoteUntrusted(element.localName)} is not base64`);
  }
  return Buffer.from(text, "base64");
}

function prefixList(transform: Element): string[] {
  const children = elementChildren(transform);
  if (children.length === 0) return [];
  const inclusive = children[0]!;
  if (children.length > 1 || inclusive.namespaceURI !== C14N_EXCLUSIVE || inclusive.localName !== "InclusiveNamespaces") {
    throw invalid("unexpected content in the c14n Transform");
  }
  return (inclusive.getAttribute("PrefixList") ?? "").split(/\s+/).filter((p) => p !== "");
}

/**
 * docs/saml-checks.md §4.2-§4.3, the shape of one signature over `signed` (the Response or the Assertion):
 * exactly SignedInfo, SignatureValue and an optional KeyInfo (whose certificate is ignored: keys are pinned);
 * no ds:Object (a classic hiding place for wrapped content); exclusive c14n; one Reference whose URI is
 * `#` + the signed element's own ID, so the signature can only vouch for its parent; transforms exactly
 * enveloped-signature then exclusive c14n; algorithms from the allowlist.
 */
export function readSignature(signature: Element, signed: Element): SignatureParts {
  const parts = elementChildren(signature);
  const signedInfo = expectDsig(parts[0], "SignedInfo");
  const signatureValueElement = expectDsig(parts[1], "SignatureValue");
  if (parts.length > 3) throw invalid("unexpected element in Signature");
  if (parts[2]) expectDsig(parts[2], "KeyInfo");

  const info = elementChildren(signedInfo);
  const c14n = expectDsig(info[0], "CanonicalizationMethod");
  if (c14n.getAttribute("Algorithm") !== C14N_EXCLUSIVE) throw forbidden("SignedInfo must use exclusive c14n");
  const method = expectDsig(info[1], "SignatureMethod");
  if (elementChildren(method).length > 0) throw forbidden("SignatureMethod parameters are not allowed");
  const signatureAlgorithm = SIGNATURE_ALGORITHMS[method.getAttribute("Algorithm") ?? ""];
  if (!signatureAlgorithm) throw forbidden(`signature algorithm ${quoteUntrusted(method.getAttribute("Algorithm"))} is not allowed`);
  if (info.length !== 3) throw invalid("SignedInfo must hold exactly one Reference");
  const reference = expectDsig(info[2], "Reference");

  const id = signed.getAttribute("ID");
  if (!id || reference.getAttribute("URI") !== `#${id}`) throw invalid("Reference does not point at the signed element");

  const referenceParts = elementChildren(reference);
  const transforms = elementChildren(expectDsig(referenceParts[0], "Transforms"));
  if (
    transforms.length !== 2 ||
    expectDsig(transforms[0], "Transform").getAttribute("Algorithm") !== TRANSFORM_ENVELOPED ||
    elementChildren(transforms[0]!).length !== 0 ||
    expectDsig(transforms[1], "Transform").getAttribute("Algorithm") !== C14N_EXCLUSIVE
  ) {
    throw forbidden("transforms must be enveloped-signature then exclusive c14n");
  }
  const digestMethod = expectDsig(referenceParts[1], "DigestMethod");
  const digestAlgorithm = DIGEST_ALGORITHMS[digestMethod.getAttribute("Algorithm") ?? ""];
  if (!digestAlgorithm) throw forbidden(`digest algorithm ${quoteUntrusted(digestMethod.getAttribute("Algorithm"))} is not allowed`);
  const digestValue = base64Bytes(expectDsig(referenceParts[2], "DigestValue"));
  if (referenceParts.length !== 3) throw invalid("unexpected element in Reference");

  return {
    signature,
    signedInfo,
    signatureAlgorithm,
    digestAlgorithm,
    referencePrefixes: prefixList(transforms[1]!),
    digestValue,
    signatureValue: base64Bytes(signatureValueElement),
  };
}
