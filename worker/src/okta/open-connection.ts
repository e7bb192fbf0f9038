import type { StoredCredential } from "../../../shared/credentials";
import { type KeyRing, open } from "../crypto/secret-box";
import type { AppEnv } from "../env";
import { adminConsoleHostFor, credentialAad } from "../storage/credentials";
import type { OktaConnection } from "./call-okta";
import type { OktaAuth } from "./okta-request";
import type { OktaState } from "./okta-state";
import { loadDpopKey, loadSigningKey } from "./signing-keys";
import { requestAccessToken } from "./token-client";
import type { OktaAmbient } from "./upstream";

/** Builds how to authorise for one scope with this credential: SSWS as is, or a cached OAuth token per scope. */
export async function connectionFor(credential: StoredCredential, keys: KeyRing, ambient: OktaAmbient, state: OktaState): Promise<OktaConnection> {
  if (credential.type === "okta_api_key") {
    const auth: OktaAuth = { kind: "ssws", token: await open(credential.token, credentialAad.token(credential), keys, credential.orgUrl) };
    return {
      credentialId: credential.id,
      orgUrl: credential.orgUrl,
      adminConsoleHost: adminConsoleHostFor(credential),
      auth: () => auth,
      rateLimits: state.rateLimits,
    };
  }
  const signingKey = await loadSigningKey(credential, keys);
  const dpopKey = await loadDpopKey(credential, keys);
  const dpop = state.dpopOf(credential.id);
  return {
    credentialId: credential.id,
    orgUrl: credential.orgUrl,
    adminConsoleHost: adminConsoleHostFor(credential),
    dpop,
    rateLimits: state.rateLimits,
    auth(scope: string): OktaAuth {
      const cacheKey = `${credential.id}|${signingKey.kid}|${scope}`;
      const mint = () =>
        requestAccessToken({
          orgUrl: credential.orgUrl,
          clientId: credential.clientId,
          signingKey,
          dpopKey,
          dpop,
          scopes: [scope],
          ambient,
          deadlineMs: ambient.nowMs() + 20_000,
        });
      return {
        kind: "oauth",
        dpopKey,
        // Only the token Okta rejected is dropped: when a burst of requests all get 401 for it, the first one
        // mints a replacement and the others pick that up instead of each minting their own.
        token: async (rejected) => {
          if (rejected) state.tokens.invalidate(cacheKey, rejected);
          return state.tokens.get(cacheKey, ambient.nowMs(), mint);
        },
      };
    },
  };
}

export function ambientFor(env: AppEnv): OktaAmbient {
  return { fetch: (...args) => fetch(...args), nowMs: Date.now, attemptTimeoutMs: env.OKTA_ATTEMPT_TIMEOUT_MS };
}
