/** Test IdP: self-signed certificates are real (they verify with their own key, and only with it). */
import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSelfSignedCertificate, generateSigningIdentity, type SigningAlgorithm } from "../../support/idp";

describe("createSelfSignedCertificate", () => {
  it.each<[SigningAlgorithm, "rsa" | "ec"]>([
    ["RS256", "rsa"],
    ["ES256", "ec"],
  ])("%s: node:crypto parses it, its self-signature verifies, its validity is as asked", async (algorithm, keyType) => {
    const { keyPair } = await generateSigningIdentity({ algorithm });
    // 2051 is past the UTCTime range, so this also covers the GeneralizedTime encoding.
    const notBefore = new Date("2024-01-02T03:04:05Z");
    const notAfter = new Date("2051-06-07T08:09:10Z");
    const certificate = await createSelfSignedCertificate({
      keyPair,
      algorithm,
      commonName: "dev-123456",
      notBefore,
      notAfter,
      serialNumber: 0x0badcafen,
    });

    const x509 = new X509Certificate(certificate.pem);
    expect(x509.subject).toBe("CN=dev-123456");
    expect(x509.issuer).toBe("CN=dev-123456");
    expect(new Date(x509.validFrom).toISOString()).toBe(notBefore.toISOString());
    expect(new Date(x509.validTo).toISOString()).toBe(notAfter.toISOString());
    expect(x509.serialNumber.replace(/^0+/, "").toUpperCase()).toBe("BADCAFE");
    expect(x509.publicKey.asymmetricKeyType).toBe(keyType);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(certificate.base64).not.toMatch(/\s/);
    expect(new X509Certificate(Uint8Array.from(atob(certificate.base64), (c) => c.charCodeAt(0))).fingerprint256).toBe(x509.fingerprint256);
  });

  it("a certificate's signature does not verify with another key", async () => {
    const [mine, other] = await Promise.all([generateSigningIdentity(), generateSigningIdentity()]);
    expect(new X509Certificate(mine.certPem).verify(new X509Certificate(other.certPem).publicKey)).toBe(false);
  });
});
