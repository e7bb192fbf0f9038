import type { Element } from "@xmldom/xmldom";
import { AppError } from "../../../shared/errors";
import { quoteUntrusted } from "../../../shared/untrusted-text";
import { childElements, textOf } from "../xml/children";
import { CONTENT_ALGORITHMS, type ContentAlgorithm, KEY_TRANSPORT_ALGORITHMS, KEY_TRANSPORT_RSA_OAEP, MGF_DIGESTS, OAEP_DIGESTS } from "./algorithms";
import { NS } from "./namespaces";
import type { OaepHash, SpEncryptionKey } from "./sp-keys";

const XENC11 = "http://www.w3.org/2009/xmlenc11#";
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const structure = (message: string) => new AppError("saml_structure_invalid", message);
const unsupported = (what: string, uri: string | null) =>
  new AppError("saml_encryption_algorithm_unsupported", `${what} algorithm is not accepted`, { algorithm: quoteUntrusted(uri) });
/**
 * Every failure of the cryptography itself (RSA-OAEP, a GCM tag, CBC padding, a key of the wrong length, text that
 * is not UTF-8) is this one answer, with no detail: telling them apart would be a decryption oracle
 * (docs/saml-checks.md §3.1).
 */
export const decryptionFailed = () => new AppError("saml_decryption_failed", "the encrypted assertion could not be decrypted");

function one(parent: Element, ns: string, name: string): Element {
  const found = childElements(parent, ns, name);
  if (found.length !== 1) throw structure(`expected exactly one ${name} in ${parent.localName}`);
  return found[0]!;
}

function algorithmOf(parent: Element): string | null {
  return one(parent, NS.xmlenc, "EncryptionMethod").getAttribute("Algorithm");
}

function cipherBytes(parent: Element): Uint8Array<ArrayBuffer> {
  const cipherData = one(parent, NS.xmlenc, "CipherData");
  if (childElements(cipherData, NS.xmlenc, "CipherReference").length > 0) throw structure("CipherReference is not accepted");
  const text = textOf(one(cipherData, NS.xmlenc, "CipherValue")).replace(/[\r\n\t ]/g, "");
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) throw structure("CipherValue is not base64");
  return new Uint8Array(Buffer.from(text, "base64"));
}

/**
 * The one EncryptedKey: inside EncryptedData's KeyInfo (Okta's placement) or beside EncryptedData in the
 * EncryptedAssertion. More than one (or none) is refused: we have one key, and a choice would be the sender's.
 */
function encryptedKeyOf(encryptedAssertion: Element, encryptedData: Element): Element {
  const keyInfos = childElements(encryptedData, NS.dsig, "KeyInfo");
  if (keyInfos.length > 1) throw structure("more than one KeyInfo in EncryptedData");
  const inside = keyInfos[0] ? childElements(keyInfos[0], NS.xmlenc, "EncryptedKey") : [];
  const beside = childElements(encryptedAssertion, NS.xmlenc, "EncryptedKey");
  const keys = [...inside, ...beside];
  if (keys.length !== 1) throw structure(`expected exactly one EncryptedKey, found ${keys.length}`);
  return keys[0]!;
}

/** The OAEP hash an EncryptedKey names; anything but matching SHA-1 or SHA-256 digests is refused. */
function oaepHashOf(encryptedKey: Element, algorithm: string): OaepHash {
  const method = one(encryptedKey, NS.xmlenc, "EncryptionMethod");
  const digests = childElements(method, NS.dsig, "DigestMethod");
  if (digests.length > 1) throw structure("more than one DigestMethod");
  const digestUri = digests[0]?.getAttribute("Algorithm") ?? null;
  const digest = digestUri === null ? "SHA-1" : OAEP_DIGESTS[digestUri];
  if (!digest) throw unsupported("OAEP digest", digestUri);
  const mgfs = childElements(method, XENC11, "MGF");
  if (mgfs.length > 1) throw structure("more than one MGF");
  if (mgfs[0] && algorithm !== KEY_TRANSPORT_RSA_OAEP) throw unsupported("MGF with rsa-oaep-mgf1p", mgfs[0].getAttribute("Algorithm"));
  const mgfUri = mgfs[0]?.getAttribute("Algorithm") ?? null;
  const mgf = mgfUri === null ? "SHA-1" : MGF_DIGESTS[mgfUri];
  if (mgf !== digest) throw unsupported("MGF", mgfUri);
  const params = childElements(method, NS.xmlenc, "OAEPparams");
  if (params.some((param) => textOf(param).trim() !== "")) throw unsupported("OAEP parameters", "OAEPparams");
  return digest;
}

/**
 * Decrypts an `EncryptedAssertion` (docs/saml-checks.md §3.1) and answers the plaintext XML, which the caller then
 * parses strictly and checks like any assertion. Algorithms are checked against the lists in algorithms.ts before
 * any decryption; a CipherReference (a fetch) and a second key are refused.
 */
export async function decryptAssertion(encryptedAssertion: Element, key: SpEncryptionKey): Promise<string> {
  const encryptedData = one(encryptedAssertion, NS.xmlenc, "EncryptedData");
  const contentUri = algorithmOf(encryptedData);
  const content = contentUri === null ? undefined : CONTENT_ALGORITHMS[contentUri];
  if (!content) throw unsupported("content encryption", contentUri);
  const encryptedKey = encryptedKeyOf(encryptedAssertion, encryptedData);
  const transportUri = algorithmOf(encryptedKey);
  if (transportUri === null || !KEY_TRANSPORT_ALGORITHMS.has(transportUri)) throw unsupported("key transport", transportUri);
  const hash = oaepHashOf(encryptedKey, transportUri);
  const wrappedKey = cipherBytes(encryptedKey);
  const ciphertext = cipherBytes(encryptedData);
  const rsaKey = await key.decryptionKey(hash);
  try {
    const rawKey = new Uint8Array(await crypto.subtle.decrypt({ name: "RSA-OAEP" }, rsaKey, wrappedKey));
    if (rawKey.length !== content.keyBytes) throw new Error("content key length");
    const plaintext = await decryptContent(content, rawKey, ciphertext);
    return new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
  } catch {
    throw decryptionFailed();
  }
}

async function decryptContent(content: ContentAlgorithm, rawKey: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  if (content.mode === "AES-GCM") {
    // XML Encryption 1.1 §5.2.4: 96-bit IV, then the ciphertext, then the 128-bit tag.
    if (data.length < 12 + 16) throw new Error("short");
    const aes = await crypto.subtle.importKey("raw", rawKey, "AES-GCM", false, ["decrypt"]);
    return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: data.subarray(0, 12), tagLength: 128 }, aes, data.subarray(12)));
  }
  return decryptCbc(rawKey, data);
}

/**
 * AES-CBC as XML Encryption §5.2 pads it: the last octet says how many octets to drop, the others are arbitrary
 * (Java's ISO 10126 padding, which Okta's stack may use, fills them at random). WebCrypto only removes PKCS#7
 * padding, so one more block is appended: the encryption of a full PKCS#7 block chained on the last ciphertext
 * block. WebCrypto then strips exactly that block and hands back the original padded plaintext, whose XML
 * Encryption padding is removed here.
 */
async function decryptCbc(rawKey: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  if (data.length < 32 || data.length % 16 !== 0) throw new Error("length");
  const aes = await crypto.subtle.importKey("raw", rawKey, "AES-CBC", false, ["encrypt", "decrypt"]);
  const lastBlock = data.subarray(data.length - 16);
  const filler = new Uint8Array(16).fill(16);
  const extra = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv: lastBlock }, aes, filler)).subarray(0, 16);
  const extended = new Uint8Array(data.length - 16 + 16);
  extended.set(data.subarray(16));
  extended.set(extra, data.length - 16);
  const padded = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-CBC", iv: data.subarray(0, 16) }, aes, extended));
  const pad = padded[padded.length - 1]!;
  if (pad < 1 || pad > 16 || pad > padded.length) throw new Error("padding");
  return padded.subarray(0, padded.length - pad);
}
