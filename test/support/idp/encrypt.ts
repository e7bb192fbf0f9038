/**
 * XML Encryption of an Assertion, as Okta's "Assertion Encryption" does it: a fresh AES key encrypts the Assertion
 * (`xenc:EncryptedData`, Type Element), and RSA-OAEP with the SP's encryption certificate wraps that key
 * (`xenc:EncryptedKey` inside the EncryptedData's `ds:KeyInfo`). node:crypto does the work (test support only);
 * every URI can be overridden so tests can send what a worker must refuse.
 */
import { constants, createCipheriv, publicEncrypt, randomBytes, X509Certificate } from "node:crypto";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { SAML_ASSERTION_NS, SAML_PROTOCOL_NS } from "./build-response";

export const XMLENC_NS = "http://www.w3.org/2001/04/xmlenc#";
const XMLENC11_NS = "http://www.w3.org/2009/xmlenc11#";
const DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

export const KEY_TRANSPORT = {
  "rsa-oaep-mgf1p": `${XMLENC_NS}rsa-oaep-mgf1p`,
  "rsa-oaep": `${XMLENC11_NS}rsa-oaep`,
} as const;
export type KeyTransport = keyof typeof KEY_TRANSPORT;

export const CONTENT_ENCRYPTION = {
  "aes128-cbc": `${XMLENC_NS}aes128-cbc`,
  "aes256-cbc": `${XMLENC_NS}aes256-cbc`,
  "aes128-gcm": `${XMLENC11_NS}aes128-gcm`,
  "aes256-gcm": `${XMLENC11_NS}aes256-gcm`,
} as const;
export type ContentEncryption = keyof typeof CONTENT_ENCRYPTION;

const DIGEST_URI = { sha1: "http://www.w3.org/2000/09/xmldsig#sha1", sha256: "http://www.w3.org/2001/04/xmlenc#sha256" } as const;
const MGF_URI = { sha1: `${XMLENC11_NS}mgf1sha1`, sha256: `${XMLENC11_NS}mgf1sha256` } as const;

export interface EncryptOptions {
  /** Base64 DER of the SP encryption certificate (from the SP metadata). */
  readonly certBase64: string;
  readonly keyTransport?: KeyTransport;
  readonly content?: ContentEncryption;
  /** With `rsa-oaep`: the OAEP digest (and MGF1 digest), written out as DigestMethod and MGF. Defaults to sha1. */
  readonly oaepDigest?: "sha1" | "sha256";
  /** Override the URIs written (the real work still uses `keyTransport` and `content`), to send unknown ones. */
  readonly contentAlgorithmUri?: string;
  readonly keyTransportUri?: string;
  /** Where the EncryptedKey goes: inside EncryptedData's KeyInfo (Okta) or beside EncryptedData. */
  readonly keyPlacement?: "keyInfo" | "sibling";
}

function padIso10126(plaintext: Buffer): Buffer {
  // XML Encryption §5.2 / ISO 10126: random filler, the last octet is the pad length (what Java's providers write).
  const pad = 16 - (plaintext.length % 16);
  const filler = randomBytes(pad);
  filler[pad - 1] = pad;
  return Buffer.concat([plaintext, filler]);
}

function encryptContent(content: ContentEncryption, key: Buffer, plaintext: Buffer): Buffer {
  const bits = content.startsWith("aes128") ? 128 : 256;
  if (content.endsWith("gcm")) {
    const iv = randomBytes(12);
    const cipher = createCipheriv(`aes-${bits}-gcm`, key, iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  }
  const iv = randomBytes(16);
  const cipher = createCipheriv(`aes-${bits}-cbc`, key, iv).setAutoPadding(false);
  return Buffer.concat([iv, cipher.update(padIso10126(plaintext)), cipher.final()]);
}

/** The `<saml2:EncryptedAssertion>` element for `plaintext` (normally a serialized, signed Assertion). */
export function encryptedAssertionXml(plaintext: string, options: EncryptOptions): string {
  const content = options.content ?? "aes256-gcm";
  const transport = options.keyTransport ?? "rsa-oaep-mgf1p";
  const digest = options.oaepDigest ?? "sha1";
  const key = randomBytes(content.startsWith("aes128") ? 16 : 32);
  const publicKey = new X509Certificate(Buffer.from(options.certBase64, "base64")).publicKey.export({ format: "pem", type: "spki" });
  const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: transport === "rsa-oaep" ? digest : "sha1" }, key);
  const encrypted = encryptContent(content, key, Buffer.from(plaintext, "utf8"));
  const oaepDetails =
    transport === "rsa-oaep"
      ? `<ds:DigestMethod Algorithm="${DIGEST_URI[digest]}"/><xenc11:MGF xmlns:xenc11="${XMLENC11_NS}" Algorithm="${MGF_URI[digest]}"/>`
      : `<ds:DigestMethod Algorithm="${DIGEST_URI.sha1}"/>`;
  const encryptedKey =
    `<xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="${options.keyTransportUri ?? KEY_TRANSPORT[transport]}">` +
    `${oaepDetails}</xenc:EncryptionMethod>` +
    `<xenc:CipherData><xenc:CipherValue>${wrapped.toString("base64")}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey>`;
  const inKeyInfo = (options.keyPlacement ?? "keyInfo") === "keyInfo";
  const encryptedData =
    `<xenc:EncryptedData Type="${XMLENC_NS}Element">` +
    `<xenc:EncryptionMethod Algorithm="${options.contentAlgorithmUri ?? CONTENT_ENCRYPTION[content]}"/>` +
    (inKeyInfo ? `<ds:KeyInfo>${encryptedKey}</ds:KeyInfo>` : "") +
    `<xenc:CipherData><xenc:CipherValue>${encrypted.toString("base64")}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData>`;
  const namespaces = `xmlns:saml2="${SAML_ASSERTION_NS}" xmlns:xenc="${XMLENC_NS}" xmlns:ds="${DSIG_NS}"`;
  return `<saml2:EncryptedAssertion ${namespaces}>${encryptedData}${inKeyInfo ? "" : encryptedKey}</saml2:EncryptedAssertion>`;
}

/** The Response with its (signed) Assertion replaced by an EncryptedAssertion of exactly that Assertion. */
export function encryptResponseAssertion(responseXml: string, options: EncryptOptions): string {
  const doc = new DOMParser().parseFromString(responseXml, "text/xml");
  const response = doc.getElementsByTagNameNS(SAML_PROTOCOL_NS, "Response")[0];
  const assertion = doc.getElementsByTagNameNS(SAML_ASSERTION_NS, "Assertion")[0];
  if (!response || !assertion) throw new Error("no Response/Assertion to encrypt");
  const encrypted = new DOMParser().parseFromString(encryptedAssertionXml(new XMLSerializer().serializeToString(assertion), options), "text/xml");
  response.replaceChild(doc.importNode(encrypted.documentElement!, true), assertion);
  return new XMLSerializer().serializeToString(doc);
}
