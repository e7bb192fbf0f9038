import { describe, expect, it } from "vitest";
import { redirectQuery, redirectUrl, SIG_ALG_RSA_SHA256 } from "../../../worker/src/saml/redirect-binding";

async function rsaPair(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    false,
    ["sign", "verify"],
  )) as CryptoKeyPair;
}

async function inflate(base64: string): Promise<string> {
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text();
}

describe("HTTP-Redirect binding", () => {
  it("unsigned: SAMLRequest then RelayState, the message deflated and base64-encoded", async () => {
    const query = await redirectQuery({ parameter: "SAMLRequest", xml: "<x/>", relayState: "/a b?c=d&e" });
    const [first, second, ...rest] = query.split("&");
    expect(first!.startsWith("SAMLRequest=")).toBe(true);
    expect(second).toBe(`RelayState=${encodeURIComponent("/a b?c=d&e")}`);
    expect(rest).toEqual([]);
    expect(await inflate(decodeURIComponent(first!.slice("SAMLRequest=".length)))).toBe("<x/>");
  });

  it("signed (§3.4.4.1): the signature covers exactly SAMLResponse=…&RelayState=…&SigAlg=… as sent", async () => {
    const pair = await rsaPair();
    const query = await redirectQuery({ parameter: "SAMLResponse", xml: "<y/>", relayState: "r+s/t", signingKey: pair.privateKey });
    const parts = query.split("&");
    expect(parts.map((part) => part.split("=")[0])).toEqual(["SAMLResponse", "RelayState", "SigAlg", "Signature"]);
    expect(parts[2]).toBe(`SigAlg=${encodeURIComponent(SIG_ALG_RSA_SHA256)}`);
    const signed = parts.slice(0, 3).join("&");
    const signature = Uint8Array.from(atob(decodeURIComponent(parts[3]!.slice("Signature=".length))), (ch) => ch.charCodeAt(0));
    const verify = (octets: string) => crypto.subtle.verify("RSASSA-PKCS1-v1_5", pair.publicKey, signature, new TextEncoder().encode(octets));
    expect(await verify(signed)).toBe(true);
    // Any other order or encoding of the same values is other octets, and does not verify.
    expect(await verify([parts[1], parts[0], parts[2]].join("&"))).toBe(false);
    expect(await verify(parts.slice(0, 3).map(decodeURIComponent).join("&"))).toBe(false);
  });

  it("signed without RelayState: SigAlg follows SAMLRequest directly; an endpoint's own query is kept", async () => {
    const pair = await rsaPair();
    const url = new URL(await redirectUrl("https://idp.test/sso?tenant=1#frag", { parameter: "SAMLRequest", xml: "<z/>", signingKey: pair.privateKey }));
    expect([...url.searchParams.keys()]).toEqual(["tenant", "SAMLRequest", "SigAlg", "Signature"]);
    expect(url.hash).toBe("");
  });
});
