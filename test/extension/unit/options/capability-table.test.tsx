/** Options page: the capability report of a credential's Test, as a table with the fix per operation. */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { CapabilityTable } from "../../../../extension/options/capability-table";
import type { CapabilityReport } from "../../../../shared/capability";
import { CRED_ID } from "./fixtures";
import { $, $$, container, setUpPage } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

const op = (action: "suspend" | "unlock", usable: boolean, remedy: string | null): CapabilityReport["operations"][number] => ({
  action,
  usable,
  reason: usable ? "ok" : "Okta refused: the app's admin role lacks the permission",
  scope: "okta.users.manage",
  permission: `User > ${action}`,
  oktaErrorCode: usable ? null : "E0000006",
  oktaErrorSummary: usable ? null : "You do not have permission to perform the requested action",
  remedy,
});

describe("options page: capability table", () => {
  it("has the columns operation, usable, scope to grant, admin-role permission and fix, Okta's answer under the fix", () => {
    const report: CapabilityReport = {
      credentialId: CRED_ID,
      type: "okta_api_service",
      ok: false,
      missingScopes: [],
      scopes: {},
      dpopRequired: false,
      operations: [op("unlock", false, null)],
    };
    render(<CapabilityTable report={report} nickname="Companion app" />, container);
    expect($$("thead th").map((th) => th.textContent)).toEqual(["Operation", "Usable", "Scope to grant", "Admin-role permission", "Fix"]);
    const row = $('tr[data-action="unlock"]')!;
    // A granted scope is not "to grant"; the missing permission is, and without a remedy the reason is the fix.
    expect(row.querySelector('[data-poc="scope-to-grant"]')!.textContent).toBe("—");
    expect(row.querySelector('[data-poc="permission"]')!.textContent).toBe("User > unlock");
    expect(row.querySelector('[data-poc="fix"]')!.textContent).toContain("admin role lacks the permission");
    expect(row.querySelector('[data-poc="okta-answer"]')!.textContent).toBe("Okta said: E0000006: You do not have permission to perform the requested action");
    expect($('[data-poc="capability-summary"]')!.textContent).toContain("1 of 1 operation(s) not usable");
  });

  it("says an API token has no scopes to grant", () => {
    const report: CapabilityReport = {
      credentialId: CRED_ID,
      type: "okta_api_key",
      ok: false,
      missingScopes: [],
      scopes: {},
      dpopRequired: false,
      operations: [op("suspend", false, "Give the token's admin a role with User > suspend.")],
    };
    render(<CapabilityTable report={report} nickname="Test token" />, container);
    expect($('[data-poc="scope-to-grant"]')!.textContent).toBe("— (API token: no scopes)");
    expect($('[data-poc="fix"]')!.textContent).toBe("Give the token's admin a role with User > suspend.");
  });
});
