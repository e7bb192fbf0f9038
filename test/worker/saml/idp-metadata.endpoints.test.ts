/** parseIdpMetadata: the IdP's SSO endpoints. */
import { describe, expect, it } from "vitest";
import { parseIdpMetadata } from "../../../worker/src/saml/idp-metadata";
import { ARTIFACT, codeOf, current, idpEntity, keyDescriptor, NOW, POST, REDIRECT, SSO_URL, setUpIdentities, sso } from "./support/idp-metadata";

setUpIdentities();

describe("parseIdpMetadata: SSO endpoints", () => {
  const withSso = (services: string) => idpEntity(keyDescriptor(current.certBase64) + services);

  it("reads a POST-only IdP", () => {
    const metadata = parseIdpMetadata(withSso(sso(POST)), NOW);
    expect(metadata.ssoUrlPost).toBe(SSO_URL);
    expect(metadata).not.toHaveProperty("ssoUrlRedirect");
  });

  it("reads a Redirect-only IdP and uses the first endpoint of a binding", () => {
    const metadata = parseIdpMetadata(withSso(sso(REDIRECT) + sso(REDIRECT, "https://second.example.com/sso")), NOW);
    expect(metadata.ssoUrlRedirect).toBe(SSO_URL);
    expect(metadata).not.toHaveProperty("ssoUrlPost");
  });

  it.each(["http://127.0.0.1:8787/sso", "http://localhost:9000/sso", "http://[::1]/sso"])(
    "accepts the http loopback endpoint %s (a local development IdP)",
    (location) => expect(parseIdpMetadata(withSso(sso(REDIRECT, location)), NOW).ssoUrlRedirect).toBe(location),
  );

  it.each([
    ["an Artifact endpoint only", sso(ARTIFACT)],
    ["no SingleSignOnService", ""],
    ["http on a public host", sso(REDIRECT, "http://acme.okta.com/app/sso/saml")],
    ["http on a public host, POST binding", sso(POST, "http://acme.okta.com/app/sso/saml")],
    ["http on a private address", sso(REDIRECT, "http://10.0.0.1/sso")],
    ["a javascript: URL", sso(REDIRECT, "javascript:alert(1)")],
    ["a relative URL", sso(REDIRECT, "/app/sso/saml")],
    ["an empty Location", sso(REDIRECT, "")],
    ["credentials in the URL", sso(REDIRECT, "https://user:pass@acme.okta.com/sso")],
    ["a SingleSignOnService in another namespace", `<x:SingleSignOnService xmlns:x="urn:example:x" Binding="${REDIRECT}" Location="${SSO_URL}"/>`],
  ])("refuses %s", (_case, services) => {
    expect(codeOf(() => parseIdpMetadata(withSso(services), NOW))).toBe("metadata_invalid");
  });

  it("refuses a bad endpoint even when the other binding is fine", () => {
    expect(codeOf(() => parseIdpMetadata(withSso(sso(POST) + sso(REDIRECT, "http://acme.okta.com/sso")), NOW))).toBe("metadata_invalid");
  });
});
