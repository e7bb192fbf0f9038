import type { StoredCredential } from "../../../shared/credentials";
import { AppError } from "../../../shared/errors";
import { type KeyRing, open, requireKeyRing } from "../crypto/secret-box";
import type { AppEnv } from "../env";
import { adminConsoleHostFor, credentialAad, getCredential, listCredentials } from "../storage/credentials";
import type { OktaConnection } from "./call-okta";
import type { OktaAuth } from "./okta-request";
import { loadDpopKey, loadSigningKey } from "./signing-keys";
import { tokenCache } from "./token-cache";
import { type DpopState, requestAccessToken } from "./token-client";
import type { OktaAmbient } from "./upstream";

/** What Okta told us about each credential's DPoP requirement, per isolate (learnt at its first token request). */
const dpopStates = new Map<string, DpopState>();

export function dpopStateOf(credentialId: string): DpopState {
  let state = dpopStates.get(credentialId);
  if (!state) {
    state = { required: false, nonce: undefined };
    dpopStates.set(credentialId, state);
  }
  return state;
}

/** The credential a request names with `?credentialId=`, or the organization's only one. */
async function chooseCredential(kv: KVNamespace, orgId: string, credentialId: string | undefined): Promise<StoredCredential> {
  if (credentialId !== undefined) {
    const credential = /^cred_[A-Za-z0-9]{1,64}$/.test(credentialId) ? await getCredential(kv, orgId, credentialId) : null;
    if (!credential) throw new AppError("credential_not_found", "no such Okta credential in this organization");
    return credential;
  }
  const all = await listCredentials(kv, orgId);
  if (all.length === 0) throw new AppError("okta_not_configured", "this organization has no Okta credential; add one first");
  if (all.length > 1) throw new AppError("credential_ambiguous", "this organization has several Okta credentials: pass ?credentialId=");
  return all[0]!;
}

/** Builds how to authorise for one scope with this credential: SSWS as is, or a cached OAuth token per scope. */
export async function connectionFor(credential: StoredCredential, keys: KeyRing, ambient: OktaAmbient): Promise<OktaConnection> {
  if (credential.type === "okta_api_key") {
    const auth: OktaAuth = { kind: "ssws", token: await open(credential.token, credentialAad.token(credential), keys, credential.orgUrl) };
    return { credentialId: credential.id, orgUrl: credential.orgUrl, adminConsoleHost: adminConsoleHostFor(credential), auth: () => auth };
  }
  const signingKey = await loadSigningKey(credential, keys);
  const dpopKey = await loadDpopKey(credential, keys);
  const dpop = dpopStateOf(credential.id);
  return {
    credentialId: credential.id,
    orgUrl: credential.orgUrl,
    adminConsoleHost: adminConsoleHostFor(credential),
    dpop,
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
          if (rejected) tokenCache.invalidate(cacheKey, rejected);
          return tokenCache.get(cacheKey, ambient.nowMs(), mint);
        },
      };
    },
  };
}

/** The organization's Okta connection (4xx with a code when it has no usable credential). */
export async function openConnection(env: AppEnv, orgId: string, credentialId: string | undefined, ambient: OktaAmbient): Promise<OktaConnection> {
  const keys = requireKeyRing(env.ENCRYPTION_KEYS);
  const credential = await chooseCredential(env.CONFIG, orgId, credentialId);
  return connectionFor(credential, keys, ambient);
}

export function ambientFor(env: AppEnv): OktaAmbient {
  return { fetch: (...args) => fetch(...args), nowMs: Date.now, attemptTimeoutMs: env.OKTA_ATTEMPT_TIMEOUT_MS };
}
