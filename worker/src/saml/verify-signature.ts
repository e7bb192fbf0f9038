import { createHash, timingSafeEqual, verify } from "node:crypto";
import type { Element, Node } from "@xmldom/xmldom";
import { ExclusiveCanonicalization } from "xml-crypto";
import { AppError } from "../../../shared/errors";
import type { PinnedKey } from "./pinned-keys";
import type { SignatureParts } from "./read-signature";

type NamespaceBinding = { prefix: string; namespaceURI: string };

const XMLNS = "http://www.w3.org/2000/xmlns/";

/**
 * In-scope namespace declarations of `element`'s ancestors whose prefixes are in `prefixes` (the
 * InclusiveNamespaces PrefixList), the nearest declaration winning, as exclusive c14n renders them at the apex.
 * Like xml-crypto's own look-up, prefixes the element declares itself, its own prefix and undeclarations are left
 * out (c14n renders those already).
 */
function inheritedNamespaces(element: Element, prefixes: readonly string[]): NamespaceBinding[] {
  if (prefixes.length === 0) return [];
  const found = new Map<string, string>();
  for (let node: Node | null = element.parentNode; node && node.nodeType === node.ELEMENT_NODE; node = node.parentNode) {
    const attributes = (node as Element).attributes;
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes.item(i)!;
      const prefix = attribute.localName ?? "";
      if (attribute.prefix !== "xmlns" || !prefixes.includes(prefix) || found.has(prefix)) continue;
      found.set(prefix, attribute.value);
    }
  }
  return [...found]
    .filter(([prefix, uri]) => uri !== "" && prefix !== element.prefix && !element.hasAttributeNS(XMLNS, prefix))
    .map(([prefix, namespaceURI]) => ({ prefix, namespaceURI }));
}

/**
 * Exclusive c14n (without comments) of `element` with `exclude` left out: the enveloped-signature transform.
 * xml-crypto's canonicalizer writes inherited namespace declarations onto the node it is given, and the
 * enveloped transform needs the signature gone; a deep clone would keep our document intact but costs more than
 * the rest of the validation together, so both edits are made in place and undone before returning.
 */
function canonicalize(element: Element, prefixes: readonly string[], exclude?: Element): string {
  const inherited = inheritedNamespaces(element, prefixes);
  const nextSibling = exclude?.nextSibling ?? null;
  if (exclude) element.removeChild(exclude);
  try {
    return new ExclusiveCanonicalization().process(element as never, {
      inclusiveNamespacesPrefixList: [...prefixes],
      ancestorNamespaces: inherited,
    });
  } finally {
    for (const { prefix } of inherited) element.removeAttributeNS(XMLNS, prefix);
    if (exclude) element.insertBefore(exclude, nextSibling);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Core validation of one enveloped signature over `signed` (docs/saml-checks.md §4-§5), on the document we already
 * parsed and located: this is the work xml-crypto's `checkSignature` does (reference digest, then SignedInfo
 * signature) using its exclusive canonicalizer, but without re-parsing the whole document and running XPath
 * for every signature, which is most of its ~6 ms cost. It is safe to skip xml-crypto's own look-up because
 * {@link readSignature} already proved there is exactly one Reference and that it names `signed`, whose ID is
 * unique in the document; so `signed` is the node the digest covers and the node the caller reads claims from.
 *
 * Only `keys` (pinned from IdP metadata) are tried; KeyInfo is ignored.
 */
export function verifySignature(parts: SignatureParts, signed: Element, keys: readonly PinnedKey[]): void {
  const digest = createHash(parts.digestAlgorithm)
    .update(canonicalize(signed, parts.referencePrefixes, parts.signature))
    .digest();
  if (!sameBytes(digest, parts.digestValue)) {
    throw new AppError("saml_signature_invalid", `digest of ${signed.localName} does not match: the signed content was changed`);
  }
  const signedInfoPrefixes = signedInfoInclusivePrefixes(parts.signedInfo);
  const canonicalSignedInfo = Buffer.from(canonicalize(parts.signedInfo, signedInfoPrefixes), "utf8");
  const { hash, keyType } = parts.signatureAlgorithm;
  for (const pinned of keys) {
    if (pinned.keyType !== keyType) continue;
    if (verify(hash, canonicalSignedInfo, pinned.verifyKey, parts.signatureValue)) return;
  }
  throw new AppError("saml_signature_invalid", `signature of ${signed.localName} does not verify with a pinned IdP certificate`);
}

/** PrefixList of SignedInfo's own CanonicalizationMethod (Okta sends none; the spec allows one). */
function signedInfoInclusivePrefixes(signedInfo: Element): string[] {
  const method = signedInfo.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "CanonicalizationMethod").item(0);
  const inclusive = method?.getElementsByTagNameNS("http://www.w3.org/2001/10/xml-exc-c14n#", "InclusiveNamespaces").item(0);
  return (inclusive?.getAttribute("PrefixList") ?? "").split(/\s+/).filter((p) => p !== "");
}
