/** Options page: the audit log section. */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { AuditSection } from "../../../../extension/options/audit-section";
import { $, backend, container, session, setUpPage, until } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

describe("options page: audit log", () => {
  it("lists time, actor, action, target, result and Okta request ID", async () => {
    backend(session("operator"), {
      "GET /api/orgs/acme/audit?limit=50": {
        status: 200,
        body: {
          entries: [
            {
              id: 7,
              at: "2030-01-01T00:00:00.000Z",
              actor: { kind: "user", id: "u1", label: "ada@acme.test" },
              role: "admin",
              action: "suspend",
              targetUserId: "00udemograce00000002",
              credentialId: "cred_x",
              result: "refused",
              status: 403,
              errorCode: "okta_forbidden",
              oktaErrorCode: "E0000006",
              oktaRequestId: "okta-req-9",
              changes: null,
              recovery: null,
              chain: null,
            },
          ],
          next: null,
        },
      },
    });
    render(<AuditSection orgId="acme" />, container);
    const row = await until(() => $('table[data-poc="audit"] tbody tr'));
    const cells = [...row.querySelectorAll("td")].map((cell) => cell.textContent);
    expect(cells[1]).toContain("ada@acme.test");
    expect(cells[2]).toBe("suspend");
    expect(cells[3]).toBe("00udemograce00000002");
    expect(cells[4]).toContain("refused");
    expect(cells[4]).toContain("E0000006");
    expect(cells[5]).toBe("okta-req-9");
  });
});
