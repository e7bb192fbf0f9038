import { sealedSecrets } from "./sealed-secrets";

/** The organization's Okta event hook secret(s): the `Authorization` value Okta sends, sealed at `okta-event-hook:{org}`. */
export const oktaHookSecrets = sealedSecrets("okta-event-hook");
