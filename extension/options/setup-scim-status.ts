import type { ScimTokenView } from "../../shared/scim";
import { formatTime } from "./format";
import type { StepStatus } from "./setup-status";

/**
 * The SCIM step: done when a token exists and Okta has used one; attention when tokens exist but none was used yet
 * (Okta was not given one, or its connector test was not run); not started without a token.
 */
export function scimStatus(tokens: readonly ScimTokenView[]): StepStatus {
  if (tokens.length === 0)
    return {
      state: "not-started",
      summary: "No SCIM token: Okta does not provision users here.",
      problem: null,
      fix: "Create a SCIM token in Provisioning and paste it, with the SCIM base URL, into the Okta app's Provisioning tab.",
    };
  const used = tokens.map((token) => token.lastUsedAt).filter((at): at is string => at !== null);
  const count = `${tokens.length} live SCIM token${tokens.length === 1 ? "" : "s"}.`;
  if (used.length === 0)
    return {
      state: "attention",
      summary: count,
      problem: "Okta has not used any SCIM token yet: nothing shows provisioning works.",
      fix: "In Okta's Provisioning tab, paste the token and the SCIM base URL, then Test Connector Configuration and save.",
    };
  const latest = used.reduce((a, b) => (Date.parse(a) > Date.parse(b) ? a : b));
  return { state: "done", summary: `${count} Okta last provisioned ${formatTime(latest)}.`, problem: null, fix: null };
}
