/** Fixtures of the encrypted-assertion tests: an org that requires encryption, and its SP certificates from its metadata. */
import { DOMParser } from "@xmldom/xmldom";
import { api, BOOTSTRAP, orgWithSso, testIdp } from "../../support/api";

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";

/** The SP certificates `GET /{org}/metadata` publishes, by `use`. */
export async function spMetadataCertificates(orgId: string): Promise<{ signing: string; encryption: string; xml: string }> {
  const xml = await (await api(`/${orgId}/metadata`)).text();
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const found: Record<string, string> = {};
  for (const descriptor of Array.from(doc.getElementsByTagNameNS(MD, "KeyDescriptor"))) {
    found[descriptor.getAttribute("use")!] = descriptor.getElementsByTagNameNS(DS, "X509Certificate")[0]!.textContent!.trim();
  }
  return { signing: found.signing!, encryption: found.encryption!, xml };
}

export async function setSsoOptions(orgId: string, options: Record<string, boolean>): Promise<void> {
  const response = await api(`/api/orgs/${orgId}/sso`, { method: "PATCH", headers: BOOTSTRAP, json: options });
  if (response.status !== 200) throw new Error(`PATCH sso: ${response.status} ${await response.text()}`);
}

/** A fresh org on the file's IdP with `requireEncryptedAssertions` on (unless told otherwise), and its encryption certificate. */
export async function encryptedOrg(required = true) {
  const idp = await testIdp();
  const org = await orgWithSso(idp);
  if (required) await setSsoOptions(org.id, { requireEncryptedAssertions: true });
  const { encryption } = await spMetadataCertificates(org.id);
  return { idp, org, certBase64: encryption };
}
