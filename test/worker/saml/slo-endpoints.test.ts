import { describe, expect, it } from "vitest";
import { parseIdpMetadata } from "../../../worker/src/saml/idp-metadata";
import { withSloEndpoints } from "../../support/idp/logout";
import { testIdp } from "../support/api";

describe("IdP metadata: SingleLogoutService", () => {
  it("both bindings are read beside the SSO URLs", async () => {
    const idp = await testIdp();
    const parsed = parseIdpMetadata(withSloEndpoints(idp.metadataXml(), "https://acme.okta.com/app/x/slo/saml"), Date.now());
    expect(parsed.sloUrlRedirect).toBe("https://acme.okta.com/app/x/slo/saml");
    expect(parsed.sloUrlPost).toBe("https://acme.okta.com/app/x/slo/saml");
  });

  it("metadata without SLO has none (Okta lists them only once SLO is on)", async () => {
    const parsed = parseIdpMetadata((await testIdp()).metadataXml(), Date.now());
    expect(parsed.sloUrlRedirect).toBeUndefined();
    expect(parsed.sloUrlPost).toBeUndefined();
  });

  it("an http SLO endpoint off loopback is refused (the browser carries our signed request there)", async () => {
    const idp = await testIdp();
    expect(() => parseIdpMetadata(withSloEndpoints(idp.metadataXml(), "http://acme.okta.com/slo"), Date.now())).toThrow(/https/);
  });
});
