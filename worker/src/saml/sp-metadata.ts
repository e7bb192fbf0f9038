import { BINDING_POST, BINDING_REDIRECT, NAMEID_EMAIL, NS } from "./namespaces";
import type { SpUrls } from "./sp-urls";
import { xmlEscape } from "./xml-escape";

/**
 * The SP metadata of one organization. `WantAssertionsSigned="true"` is a promise the ACS keeps: an unsigned
 * Assertion is refused even inside a signed Response.
 */
export function buildSpMetadata(urls: SpUrls): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="${NS.metadata}" entityID="${xmlEscape(urls.entityId)}">
  <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="true" protocolSupportEnumeration="${NS.protocol}">
    <md:SingleLogoutService Binding="${BINDING_REDIRECT}" Location="${xmlEscape(urls.sloUrl)}"/>
    <md:SingleLogoutService Binding="${BINDING_POST}" Location="${xmlEscape(urls.sloUrl)}"/>
    <md:NameIDFormat>${NAMEID_EMAIL}</md:NameIDFormat>
    <md:AssertionConsumerService Binding="${BINDING_POST}" Location="${xmlEscape(urls.acsUrl)}" index="0" isDefault="true"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
`;
}
