import type { OktaSetup } from "../../../shared/credentials";
import { OKTA_ACTIONS, OKTA_SCOPES } from "../../../shared/okta-actions";

/**
 * What an admin does in Okta Admin so that a new credential works (docs/okta.md §2.5, setup prerequisites), derived from
 * OKTA_ACTIONS so that a new action's scope and permission show up here without anyone remembering to.
 */
export function oktaSetup(credential: { type: "okta_api_service"; clientId: string; jwksUrl: string } | { type: "okta_api_key" }): OktaSetup {
  const permissions = adminRolePermissions();
  if (credential.type === "okta_api_key") {
    return {
      steps: [
        "Security > API > Tokens > Create token, signed in as an admin whose role grants only the permissions listed here: an API token acts with every right of the admin who created it.",
        "Okta deactivates an API token that is unused for 30 days or whose admin loses the role; prefer an API Services app (type okta_api_service) for anything beyond testing.",
      ],
      permissions,
    };
  }
  return {
    steps: [
      "Applications > Applications > Create App Integration > API Services, and name the app.",
      `General tab: check that the Client ID is ${credential.clientId}.`,
      `General tab > Client Credentials > Edit: Client authentication "Public key / Private key"; Public keys: "Use a URL to fetch keys dynamically" with the URL ${credential.jwksUrl}; Save.`,
      'General tab: "Require Demonstrating Proof of Possession (DPoP) header in token requests" may stay on or off; the companion answers Okta\'s DPoP challenge with a separate key.',
      `Okta API Scopes tab: Grant ${OKTA_SCOPES.join(", ")}.`,
      "Admin roles tab > Edit assignments > Add assignment: a custom admin role with the permissions listed here, on a resource set of the users (and authenticators) the companion may act on. Without a role, every call fails with E0000006.",
    ],
    scopes: [...OKTA_SCOPES],
    permissions,
  };
}

/** Each distinct Okta admin-role permission, with the actions that need it. */
function adminRolePermissions(): OktaSetup["permissions"] {
  const byPermission = new Map<string, string[]>();
  for (const [action, spec] of Object.entries(OKTA_ACTIONS)) {
    for (const permission of spec.permission.split("; ")) byPermission.set(permission, [...(byPermission.get(permission) ?? []), action]);
  }
  return [...byPermission].map(([permission, actions]) => ({ permission, actions }));
}
