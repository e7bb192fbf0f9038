import { browser } from "wxt/browser";
import { OrgResponseSchema } from "../../shared/orgs";
import type { SessionView } from "../lib/protocol";
import { type Settings, WorkerUrlSchema } from "../lib/settings-schema";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { CopyField } from "./copy-button";
import { Announce, useAction } from "./status";

/**
 * This extension's ID and redirect URL: the worker sends a sign-in code only to extension IDs registered with the
 * organization. An admin who is already signed in (e.g. from another browser) can register this one here; before
 * any extension can sign in, the worker's registration page does it after an SSO sign-in in the browser
 * (worker/src/routes/register-extension.tsx).
 */
export function ExtensionIdPanel({ session, settings }: { session: SessionView | null; settings: Settings | null }) {
  const id = browser.runtime.id;
  const redirectUrl = redirectUrlOf();
  const { busy, message, run } = useAction();
  const orgLabel = session?.orgId ?? "{org}";

  const register = (orgId: string) =>
    void run(
      "register",
      async () => {
        const current = await apiCall("GET", orgPath(orgId), OrgResponseSchema);
        if (!current.ok || current.data.extensionIds.includes(id)) return current;
        return apiCall("PATCH", orgPath(orgId), OrgResponseSchema, { extensionIds: [...current.data.extensionIds, id] });
      },
      (org) => `This extension ID is registered with ${org.id} (${org.extensionIds.length} registered).`,
    );

  return (
    <section data-section="extension" aria-labelledby="extension-heading">
      <h2 id="extension-heading">This extension</h2>
      <div data-poc="extension-id">
        <CopyField label="Extension ID" value={id} poc="extension-id-value" />
        <CopyField label="Redirect URL" value={redirectUrl ?? "not available in this browser"} poc="redirect-url" />
      </div>
      <p class="hint">
        Sign-in works only for registered extensions: ask an admin to register this ID with{" "}
        <code>
          PATCH /api/orgs/{orgLabel} {"{"}"extensionIds": […, "{id}"]{"}"}
        </code>
        .
      </p>
      {settings && !session && <RegistrationPageLink settings={settings} id={id} />}
      {session?.role === "admin" && (
        <BusyButton busy={busy} poc="register-extension" onClick={() => register(session.orgId)} action="register" working="Registering…">
          Register this ID with {session.orgId}
        </BusyButton>
      )}
      <Announce message={message} />
    </section>
  );
}

/**
 * The worker's page that registers this ID after the admin signs in there with Okta. The saved worker URL already
 * follows the worker-URL rule (https; http on loopback); the link is checked again, as every link this page builds.
 */
function RegistrationPageLink({ settings, id }: { settings: Settings; id: string }) {
  const href = `${settings.workerUrl}/${settings.orgId}/extensions/register?id=${encodeURIComponent(id)}`;
  if (!WorkerUrlSchema.safeParse(href).success) return null;
  return (
    <p data-poc="register-page">
      Not registered yet, and nobody signed in here?{" "}
      <a href={href} target="_blank" rel="noopener noreferrer" data-poc="register-page-link">
        Register this ID on the worker
      </a>{" "}
      (an admin signs in with Okta there and confirms).
    </p>
  );
}

function redirectUrlOf(): string | null {
  try {
    return browser.identity.getRedirectURL();
  } catch {
    // Browsers without the identity API (or a test double without it).
    return null;
  }
}
