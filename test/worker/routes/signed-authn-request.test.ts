/**
 * Signed AuthnRequests (docs/saml-checks.md, "Signed requests"): with the org's `signAuthnRequests` on, the SP
 * metadata promises `AuthnRequestsSigned="true"` and `/{org}/login` keeps it, signing the Redirect query as SAML
 * Bindings §3.4.4.1 says: over the exact octets `SAMLRequest=…&RelayState=…&SigAlg=…`, verifiable with the signing
 * certificate the metadata publishes. Off, neither the promise nor a signature.
 */
import { verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, BOOTSTRAP, orgWithSso, testIdp } from "../support/api";
import { spCertificatePem } from "../support/sp-certificates";

const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

async function orgSigning(on: boolean) {
  const org = await orgWithSso(await testIdp());
  if (on) expect((await api(`/api/orgs/${org.id}/sso`, { method: "PATCH", headers: BOOTSTRAP, json: { signAuthnRequests: true } })).status).toBe(200);
  return org;
}

async function loginQuery(orgId: string): Promise<string> {
  const response = await api(`/${orgId}/login?RelayState=${encodeURIComponent(`/${orgId}/`)}`);
  expect(response.status).toBe(302);
  return response.headers.get("location")!.split("?")[1]!;
}

const metadata = async (orgId: string) => (await api(`/${orgId}/metadata`)).text();

describe("signed AuthnRequests", () => {
  it("on: the metadata says so, and the login query is signed over its exact octets with the published certificate", async () => {
    const org = await orgSigning(true);
    expect(await metadata(org.id)).toContain('AuthnRequestsSigned="true"');
    const query = await loginQuery(org.id);
    const [signed, signature] = query.split("&Signature=") as [string, string];
    expect(signed.split("&").map((pair) => pair.split("=")[0])).toEqual(["SAMLRequest", "RelayState", "SigAlg"]);
    expect(new URLSearchParams(signed).get("SigAlg")).toBe(RSA_SHA256);
    const certificate = await spCertificatePem(org.id, "signing");
    const bytes = Buffer.from(decodeURIComponent(signature), "base64");
    expect(verify("sha256", Buffer.from(signed), certificate, bytes)).toBe(true);
    // The signature covers the RelayState: another one does not verify.
    const elsewhere = signed.replace(/RelayState=[^&]+/, `RelayState=${encodeURIComponent("/elsewhere")}`);
    expect(verify("sha256", Buffer.from(elsewhere), certificate, bytes)).toBe(false);
  });

  it("off: no promise in the metadata and no signature on the query", async () => {
    const org = await orgSigning(false);
    expect(await metadata(org.id)).toContain('AuthnRequestsSigned="false"');
    const query = new URLSearchParams(await loginQuery(org.id));
    expect(query.has("SAMLRequest")).toBe(true);
    expect(query.has("Signature")).toBe(false);
    expect(query.has("SigAlg")).toBe(false);
  });
});
