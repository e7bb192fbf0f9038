/**
 * Encrypted assertions (docs/saml-checks.md §3.1), the accepted side: every key transport and content algorithm
 * Okta offers decrypts, and the decrypted Assertion then signs in like a plain one.
 */
import { describe, expect, it } from "vitest";
import type { ContentEncryption, EncryptOptions, KeyTransport } from "../../support/idp";
import { postAcs, sessionCookie, startLogin, validFor } from "../support/api";
import { encryptedOrg } from "./support/encrypted";

const CONTENTS: ContentEncryption[] = ["aes128-gcm", "aes256-gcm", "aes128-cbc", "aes256-cbc"];
const TRANSPORTS: Array<{ keyTransport: KeyTransport; oaepDigest?: "sha1" | "sha256" }> = [
  { keyTransport: "rsa-oaep-mgf1p" },
  { keyTransport: "rsa-oaep", oaepDigest: "sha1" },
  { keyTransport: "rsa-oaep", oaepDigest: "sha256" },
];

async function expectSignsIn(options: Omit<EncryptOptions, "certBase64">, signResponse = true) {
  const { idp, org, certBase64 } = await encryptedOrg();
  const email = `enc-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const requestId = await startLogin(org.id);
  const samlResponse = await idp.encryptedSamlResponse(validFor(org, { nameId: email, inResponseTo: requestId, signResponse }), { certBase64, ...options });
  const response = await postAcs(org.id, samlResponse);
  expect(response.status, await response.clone().text()).toBe(303);
  expect(sessionCookie(response)).toBeDefined();
}

describe("encrypted assertions: every algorithm Okta offers", () => {
  for (const transport of TRANSPORTS) {
    for (const content of CONTENTS) {
      it(`${transport.keyTransport}${transport.oaepDigest ? ` (${transport.oaepDigest})` : ""} + ${content} signs in`, async () => {
        await expectSignsIn({ ...transport, content });
      });
    }
  }

  it("the EncryptedKey may sit beside EncryptedData instead of in its KeyInfo", async () => {
    await expectSignsIn({ keyPlacement: "sibling" });
  });

  it("an unsigned Response around a signed, encrypted Assertion signs in (the Assertion's signature is what counts)", async () => {
    await expectSignsIn({ content: "aes256-cbc" }, false);
  });
});
