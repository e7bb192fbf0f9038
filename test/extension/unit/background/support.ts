import { vi } from "vitest";
import type { BackgroundDeps } from "../../../../extension/background/handlers";
import { writeSession, writeSettings } from "../../../../extension/background/session-store";

export const EXTENSION_ID = "abcdefghijklmnopabcdefghijklmnop";
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;
export const WORKER = "https://companion.example.test";
export const TOKEN = "poc_s_acme_secret-token-value-0123456789";
/** Ada, the Okta user the content script's page shows, and her routes at the worker. */
export const ADA = "00udemoada0000000001";
export const USER_PATH = `/api/orgs/acme/okta/users/${ADA}`;

/** A sender as Chrome describes one of our pages, our content script on an admin page, or someone else. */
export const senders = {
  options: { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/options.html`, origin: EXTENSION_ORIGIN },
  content: { id: EXTENSION_ID, url: `https://acme-admin.okta.com/admin/user/profile/view/${ADA}`, frameId: 0, tab: { id: 3 } },
} as const;

/** A fetch that answers from a handler and records every request (URL, method, headers, body). */
export function fakeFetch(answer: (url: URL, init: RequestInit) => { status: number; body?: unknown }) {
  const calls: Array<{ url: URL; init: RequestInit }> = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    calls.push({ url, init });
    const { status, body } = answer(url, init);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  });
  return { fetchImpl: fetchImpl as unknown as typeof fetch, calls };
}

export function deps(overrides: Partial<BackgroundDeps> = {}): BackgroundDeps {
  return {
    extensionId: EXTENSION_ID,
    extensionOrigin: EXTENSION_ORIGIN,
    redirectUrl: `https://${EXTENSION_ID}.chromiumapp.org/auth`,
    launchWebAuthFlow: async () => {
      throw new Error("not expected in this test");
    },
    hasOriginPermission: async () => true,
    openOptionsPage: async () => undefined,
    ...overrides,
  };
}

export async function signedIn(role: "viewer" | "operator" | "admin" = "admin"): Promise<void> {
  await writeSettings({ workerUrl: WORKER, orgId: "acme" });
  await writeSession({
    token: TOKEN,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    email: "ada@acme.test",
    role,
    orgId: "acme",
    workerUrl: WORKER,
  });
}
