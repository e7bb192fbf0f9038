import { env } from "cloudflare:test";
import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadEnv } from "../../../worker/src/env";
import { spCertificates, spEncryptionKey, spSigningKey } from "../../../worker/src/saml/sp-keys";
import { readSpKeys } from "../../../worker/src/storage/sp-keys";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const fresh = () => `sp-keys-${crypto.randomUUID().slice(0, 8)}`;

describe("SP keys", () => {
  it("are made once per organization: two RSA 2048 self-signed certificates, private keys sealed and not extractable", async () => {
    const appEnv = loadEnv(env);
    const orgId = fresh();
    const signing = await spSigningKey(appEnv, orgId, NOW);
    const again = await spSigningKey(appEnv, orgId, NOW + 1000);
    expect(again.certificateBase64).toBe(signing.certificateBase64);
    expect(signing.privateKey.extractable).toBe(false);
    const encryption = await spEncryptionKey(appEnv, orgId, NOW);
    expect(encryption.certificateBase64).not.toBe(signing.certificateBase64);
    for (const base64 of [signing.certificateBase64, encryption.certificateBase64]) {
      const cert = new X509Certificate(Buffer.from(base64, "base64"));
      expect(cert.publicKey.asymmetricKeyType).toBe("rsa");
      expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(cert.verify(cert.publicKey)).toBe(true);
      expect(cert.subject).toContain(orgId);
    }
    const stored = JSON.stringify(await readSpKeys(appEnv.CONFIG, orgId));
    expect(stored).not.toContain("PRIVATE");
    expect(await spCertificates(appEnv, orgId, NOW)).toEqual({ signing: signing.certificateBase64, encryption: encryption.certificateBase64 });
  });

  it("the signing key signs what its certificate verifies; the encryption key decrypts RSA-OAEP made with its certificate", async () => {
    const appEnv = loadEnv(env);
    const orgId = fresh();
    const signing = await spSigningKey(appEnv, orgId, NOW);
    const data = new TextEncoder().encode("octets");
    const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", signing.privateKey, data);
    const cert = new X509Certificate(Buffer.from(signing.certificateBase64, "base64"));
    const { createVerify, publicEncrypt, constants } = await import("node:crypto");
    expect(createVerify("sha256").update(data).verify(cert.publicKey, Buffer.from(signature))).toBe(true);

    const encryption = await spEncryptionKey(appEnv, orgId, NOW);
    const encCert = new X509Certificate(Buffer.from(encryption.certificateBase64, "base64"));
    for (const hash of ["SHA-1", "SHA-256"] as const) {
      const ct = publicEncrypt(
        {
          key: encCert.publicKey.export({ format: "pem", type: "spki" }),
          padding: constants.RSA_PKCS1_OAEP_PADDING,
          oaepHash: hash.replace("-", "").toLowerCase(),
        },
        data,
      );
      const plain = await crypto.subtle.decrypt({ name: "RSA-OAEP" }, await encryption.decryptionKey(hash), ct);
      expect(new TextDecoder().decode(plain)).toBe("octets");
    }
  });

  it("without ENCRYPTION_KEYS no keys are made: metadata has no certificates, signing answers encryption_unavailable", async () => {
    const appEnv = { ...loadEnv(env), ENCRYPTION_KEYS: undefined };
    const orgId = fresh();
    expect(await spCertificates(appEnv, orgId, NOW)).toBeNull();
    await expect(spSigningKey(appEnv, orgId, NOW)).rejects.toMatchObject({ code: "encryption_unavailable" });
    expect(await readSpKeys(appEnv.CONFIG, orgId)).toBeNull();
  });
});
