import { describe, expect, it } from "vitest";
import { isAppError } from "../../../shared/errors";
import { EncryptionKeysSchema, open, requireKeyRing, reseal, seal } from "../../../worker/src/crypto/secret-box";

const key = (fill: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(fill)));
const RING_V1 = EncryptionKeysSchema.parse(`v1:${key(1)}`);
const RING_V1_V2 = EncryptionKeysSchema.parse(`v1:${key(1)}, v2:${key(2)}`);
const RING_V2_ONLY = EncryptionKeysSchema.parse(`v2:${key(2)}`);
const OTHER_V1 = EncryptionKeysSchema.parse(`v1:${key(9)}`);
const AAD = "cred:acme:cred_0123:token";

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

describe("ENCRYPTION_KEYS parsing", () => {
  it("the highest version seals; standard and URL-safe base64 both parse", () => {
    expect(RING_V1_V2.sealVersion).toBe(2);
    expect([...RING_V1_V2.keys.keys()]).toEqual([1, 2]);
    const urlSafe = EncryptionKeysSchema.parse(`v10:${key(0xfb).replaceAll("+", "-").replaceAll("/", "_").replace(/=$/, "")},v3:${key(3)}`);
    expect(urlSafe.sealVersion).toBe(10);
    expect(urlSafe.keys.get(10)).toEqual(new Uint8Array(32).fill(0xfb));
  });

  it("refuses keys that are not 32 bytes, unversioned keys, version 0 and duplicate versions", () => {
    const short = btoa(String.fromCharCode(...new Uint8Array(16)));
    for (const value of ["", `v1:${short}`, key(1), `1:${key(1)}`, `v0:${key(1)}`, `v1:${key(1)},v1:${key(2)}`, `v1:${key(1)},`, `v1:${key(1)}x`]) {
      expect(EncryptionKeysSchema.safeParse(value).success, value).toBe(false);
    }
  });

  it("a deployment without ENCRYPTION_KEYS cannot seal: encryption_unavailable", () => {
    expect(() => requireKeyRing(undefined)).toThrow(expect.objectContaining({ code: "encryption_unavailable" }));
  });
});

describe("seal / open (AES-256-GCM)", () => {
  it("round-trips, records the sealing version, and uses a fresh IV every time", async () => {
    const a = await seal("00abcSECRET", AAD, RING_V1_V2);
    const b = await seal("00abcSECRET", AAD, RING_V1_V2);
    expect(a.v).toBe(2);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect(a.ct).not.toContain("SECRET");
    expect(await open(a, AAD, RING_V1_V2)).toBe("00abcSECRET");
  });

  it("a value moved to another record (other AAD) does not open: decryption_failed", async () => {
    const sealed = await seal("secret", AAD, RING_V1);
    for (const aad of ["cred:other-org:cred_0123:token", "cred:acme:cred_9999:token", "cred:acme:cred_0123:dpop", ""]) {
      expect(isAppError(await failure(open(sealed, aad, RING_V1)), "decryption_failed"), aad).toBe(true);
    }
  });

  it("a value whose key version is no longer configured fails with encryption_key_unknown", async () => {
    const sealed = await seal("secret", AAD, RING_V1);
    expect(isAppError(await failure(open(sealed, AAD, RING_V2_ONLY)), "encryption_key_unknown")).toBe(true);
  });

  it("the same version with a different key, a relabelled version, or a tampered ciphertext fails", async () => {
    const sealed = await seal("secret", AAD, RING_V1_V2);
    expect(isAppError(await failure(open({ ...sealed, v: 1 }, AAD, RING_V1_V2)), "decryption_failed")).toBe(true);
    const v1 = await seal("secret", AAD, RING_V1);
    expect(isAppError(await failure(open(v1, AAD, OTHER_V1)), "decryption_failed")).toBe(true);
    const flipped = `${sealed.ct.slice(0, 3)}${sealed.ct[3] === "A" ? "B" : "A"}${sealed.ct.slice(4)}`;
    expect(isAppError(await failure(open({ ...sealed, ct: flipped }, AAD, RING_V1_V2)), "decryption_failed")).toBe(true);
    expect(isAppError(await failure(open({ ...sealed, iv: "AAAA" }, AAD, RING_V1_V2)), "decryption_failed")).toBe(true);
  });

  it("key rotation: v1 values open after v2 is added, and re-sealing moves them to v2", async () => {
    const old = await seal("secret", AAD, RING_V1);
    expect(await open(old, AAD, RING_V1_V2)).toBe("secret");
    const moved = await reseal(old, AAD, RING_V1_V2);
    expect(moved.v).toBe(2);
    expect(await open(moved, AAD, RING_V2_ONLY)).toBe("secret");
    expect(await reseal(moved, AAD, RING_V1_V2)).toBe(moved);
  });
});
