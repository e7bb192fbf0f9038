import { ExtensionTokenRequestSchema, ExtensionTokenResponseSchema } from "../../shared/extension";
import type { Settings } from "../lib/settings-schema";
import { newPkcePair } from "./pkce";
import { extensionFailure } from "./reply-failure";
import type { StoredSession } from "./session-store";
import { callWorker, expectOk } from "./worker-client";

export interface SignInDeps {
  settings: Settings;
  extensionId: string;
  /** `browser.identity.getRedirectURL("auth")`: `https://<extension-id>.chromiumapp.org/auth`. */
  redirectUrl: string;
  launchWebAuthFlow: (details: { url: string; interactive: boolean }) => Promise<string | undefined>;
  fetchImpl?: typeof fetch;
}

/**
 * Signs in with the organization's SAML SSO: opens `/<org>/login` on the worker in the browser's auth window; after
 * the ACS the worker redirects to our `chromiumapp.org` URL (which only the browser sees) with a one-time code,
 * and the code is exchanged, with the PKCE verifier that never left this function, for a bearer session.
 */
export async function signIn(deps: SignInDeps): Promise<StoredSession> {
  const { settings } = deps;
  const { verifier, challenge } = await newPkcePair();
  const login = new URL(`/${settings.orgId}/login`, settings.workerUrl);
  login.searchParams.set("extension", deps.extensionId);
  login.searchParams.set("redirect_uri", deps.redirectUrl);
  login.searchParams.set("code_challenge", challenge);
  login.searchParams.set("code_challenge_method", "S256");

  let finalUrl: string | undefined;
  try {
    finalUrl = await deps.launchWebAuthFlow({ url: login.href, interactive: true });
  } catch (error) {
    // Chrome rejects with "The user did not approve access." when the window is closed, and with other messages
    // when the first page cannot load; both leave no session behind.
    const message = error instanceof Error ? error.message : String(error);
    if (/did not approve|cancel|closed/i.test(message)) throw extensionFailure("sign_in_cancelled", "the sign-in window was closed");
    throw extensionFailure("sign_in_failed", `the sign-in window failed: ${message}`);
  }
  const code = codeFrom(finalUrl, deps.redirectUrl);

  const answer = await callWorker({
    workerUrl: settings.workerUrl,
    token: null,
    method: "POST",
    path: "/api/extension/token",
    body: { orgId: settings.orgId, code, code_verifier: verifier, redirect_uri: deps.redirectUrl },
    fetchImpl: deps.fetchImpl,
  });
  const token = expectOk(answer, ExtensionTokenResponseSchema);
  if (token.orgId !== settings.orgId) throw extensionFailure("sign_in_failed", "the worker signed in to another organization");
  return { ...token, workerUrl: settings.workerUrl };
}

/** The code of the final redirect, which must land on our own redirect URL (same origin and path). */
function codeFrom(finalUrl: string | undefined, redirectUrl: string): string {
  if (finalUrl === undefined) throw extensionFailure("sign_in_failed", "the sign-in ended without a redirect");
  let landed: URL;
  try {
    landed = new URL(finalUrl);
  } catch {
    throw extensionFailure("sign_in_failed", "the sign-in ended on an invalid URL");
  }
  const expected = new URL(redirectUrl);
  if (landed.origin !== expected.origin || landed.pathname !== expected.pathname) {
    throw extensionFailure("sign_in_failed", "the sign-in ended on an unexpected URL");
  }
  const code = landed.searchParams.get("code");
  // The same rule the worker's exchange applies: anything else is not a code the worker issued.
  if (code === null || !ExtensionTokenRequestSchema.shape.code.safeParse(code).success) {
    throw extensionFailure("sign_in_failed", "the sign-in returned no valid code");
  }
  return code;
}
