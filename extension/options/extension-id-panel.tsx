import { browser } from "wxt/browser";
import { OrgResponseSchema } from "../../shared/orgs";
import type { SessionView } from "../lib/protocol";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { CopyField } from "./copy-button";
import { Announce, useAction } from "./status";

/**
 * This extension's ID and redirect URL: the worker sends a sign-in code only to extension IDs registered with the
 * organization. An admin who is already signed in (e.g. from another browser) can register this one here.
 */
export function ExtensionIdPanel({ session }: { session: SessionView | null }) {
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
      {session?.role === "admin" && (
        <BusyButton busy={busy} poc="register-extension" onClick={() => register(session.orgId)} action="register" working="Registering…">
          Register this ID with {session.orgId}
        </BusyButton>
      )}
      <Announce message={message} />
    </section>
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
