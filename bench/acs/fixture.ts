/**
 * The benchmark input: an Okta-shaped SAML Response (Response and Assertion both signed, RSA-SHA256,
 * certificate in KeyInfo), ~7 KB of XML, made by the project's test IdP in Node.
 */
import { createTestIdp } from "../../test/support/idp/index";
import { utf8ToBase64 } from "../../test/support/idp/pem";
import type { SamlExpectations } from "../../worker/src/saml/index";

export const BENCH_BASE = "https://companion.example.com";
export const BENCH_ORG = "acme";
export const ACS_URL = `${BENCH_BASE}/${BENCH_ORG}/acs`;
export const SP_ENTITY_ID = `${BENCH_BASE}/${BENCH_ORG}/metadata`;
export const EMAIL = "alice.admin@acme-corp.example.com";

/**
 * The test IdP's smallest signed Response (email only) is already ~7.0 KB: the certificate sits in both KeyInfos.
 * Okta apps commonly add firstName, lastName and a groups claim; with two groups this lands at ~8 KB, a little
 * heavier than the ~7 KB target, which only makes the figures conservative.
 */
const GROUPS = ["Everyone", "Persona-Companion-Admins"];

export type AcsFixture = {
  /** Base64 `SAMLResponse` form value. */
  samlResponse: string;
  xmlBytes: number;
  idpCertPem: string;
  expectations: SamlExpectations;
};

export async function makeAcsFixture(): Promise<AcsFixture> {
  const idp = await createTestIdp();
  const now = new Date();
  const xml = await idp.signedResponseXml({
    destination: ACS_URL,
    audience: SP_ENTITY_ID,
    now,
    nameId: EMAIL,
    attributes: {
      email: [EMAIL],
      firstName: ["Alice"],
      lastName: ["Admin"],
      groups: GROUPS,
    },
  });
  return {
    samlResponse: utf8ToBase64(xml),
    xmlBytes: new TextEncoder().encode(xml).length,
    idpCertPem: idp.identity.certPem,
    expectations: {
      nowMs: now.getTime(),
      acsUrl: ACS_URL,
      audience: SP_ENTITY_ID,
      idpEntityId: idp.entityId,
      idpCertificates: [idp.identity.certBase64],
      allowUnsolicited: true,
      emailAttribute: "email",
    },
  };
}
