/**
 * Shared pieces of the IdP metadata tests (worker/src/saml/idp-metadata.ts, idp-metadata.*.test.ts): the IdP's
 * signing identities, metadata documents built from parts for the structural cases, and error-code helpers.
 */
import { beforeAll } from "vitest";
import { AppError, type ErrorCode } from "../../../../shared/errors";
import { generateSigningIdentity, type SigningIdentity, wrapLines } from "../../../support/idp";

// A frozen clock: every validity decision below is relative to it.
export const NOW = Date.parse("2026-01-15T12:00:00Z");
export const NOT_BEFORE = new Date("2024-01-01T00:00:00Z");
export const NOT_AFTER = new Date("2034-01-01T00:00:00Z");

export const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
export const DS = "http://www.w3.org/2000/09/xmldsig#";
export const SAML2 = "urn:oasis:names:tc:SAML:2.0:protocol";
export const SAML11 = "urn:oasis:names:tc:SAML:1.1:protocol";
export const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
export const POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
export const ARTIFACT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact";
export const ENTITY_ID = "http://www.okta.com/exk1fcia6d6EMsf9p0h8";
export const SSO_URL = "https://acme.okta.com/app/acme_personaoktacompanion_1/exk1fcia6d6EMsf9p0h8/sso/saml";

export let current: SigningIdentity; // the IdP's signing certificate
export let next: SigningIdentity; // the one a rollover adds
export let encryption: SigningIdentity; // an encryption key that must never be pinned for signatures

/** The file-level hook every idp-metadata file registers first: the IdP's certificates (RSA keygen is slow: once per file). */
export function setUpIdentities(): void {
  beforeAll(async () => {
    current = await generateSigningIdentity({ commonName: "acme", notBefore: NOT_BEFORE, notAfter: NOT_AFTER });
    next = await generateSigningIdentity({ algorithm: "ES256", commonName: "acme-next" });
    encryption = await generateSigningIdentity({ algorithm: "ES256", commonName: "acme-encryption" });
  });
}

// --- metadata built from parts, for the structural cases ------------------------------------------------------

export const keyDescriptor = (base64: string, use: string | null = "signing", ds = DS) =>
  `<md:KeyDescriptor${use === null ? "" : ` use="${use}"`}><ds:KeyInfo xmlns:ds="${ds}"><ds:X509Data>` +
  `<ds:X509Certificate>${wrapLines(base64, 64)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
export const sso = (binding: string, location = SSO_URL) => `<md:SingleSignOnService Binding="${binding}" Location="${location}"/>`;
export const bothSso = () => sso(POST) + sso(REDIRECT);
export const idpDescriptor = (inner: string, protocols = SAML2) =>
  `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="${protocols}">${inner}</md:IDPSSODescriptor>`;
export const entity = (inner: string, attributes = `entityID="${ENTITY_ID}"`) =>
  `<md:EntityDescriptor xmlns:md="${MD}" ${attributes}>${inner}</md:EntityDescriptor>`;
export const entities = (inner: string, attributes = "") => `<md:EntitiesDescriptor xmlns:md="${MD}" ${attributes}>${inner}</md:EntitiesDescriptor>`;
export const spEntity = (entityId: string) =>
  entity(
    `<md:SPSSODescriptor protocolSupportEnumeration="${SAML2}">` +
      `<md:AssertionConsumerService Binding="${POST}" Location="https://sp.example.com/acs" index="0"/>` +
      `</md:SPSSODescriptor>`,
    `entityID="${entityId}"`,
  );
/** A valid document; pieces are swapped out by the failure cases. */
export const idpEntity = (inner?: string) => entity(idpDescriptor(inner ?? keyDescriptor(current.certBase64) + bothSso()));

export function codeOf(run: () => unknown): ErrorCode | "returned" | "not an AppError" {
  try {
    run();
    return "returned";
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }
}

export async function sha256Fingerprint(base64: string): Promise<string> {
  const der = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", der));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":");
}
