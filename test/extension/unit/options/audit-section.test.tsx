/** Options page: the audit log section (its table, the filters, and paging). */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { AuditSection } from "../../../../extension/options/audit-section";
import { auditEntry } from "./fixtures";
import { $, apiCalls, backend, container, fill, session, setUpPage, until, workerError } from "./support";

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

describe("options page: audit log filters and paging", () => {
  const page1 = [
    auditEntry({ id: 9, action: "suspend", result: "success", actor: { kind: "user", id: "usr_ada", label: "ada@acme.test" } }),
    auditEntry({
      id: 8,
      action: "unlock",
      result: "refused",
      errorCode: "verification_required",
      actor: { kind: "user", id: "usr_grace", label: "grace@acme.test" },
    }),
    auditEntry({ id: 7, action: "suspend", result: "failed", actor: { kind: "automation", id: "rule_1", label: "Declined case suspends the user" } }),
  ];
  const page2 = [
    auditEntry({
      id: 6,
      action: "org_update",
      result: "success",
      targetUserId: null,
      changes: { before: { defaultRole: "viewer" }, after: { defaultRole: "admin" } },
    }),
  ];
  const routes = {
    "GET /api/orgs/acme/audit?limit=50": { status: 200, body: { entries: page1, next: 7 } },
    "GET /api/orgs/acme/audit?limit=50&before=7": { status: 200, body: { entries: page2, next: null } },
  };
  const rows = () => [...container.querySelectorAll<HTMLElement>('table[data-poc="audit"] tbody tr')].map((row) => Number(row.dataset.entry));
  const choose = (id: string, value: string) => {
    const select = $<HTMLSelectElement>(`#${id}`)!;
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  };

  it("filters the loaded entries by action, result and actor, and says it searched only what is loaded", async () => {
    backend(session("operator"), routes);
    render(<AuditSection orgId="acme" />, container);
    await until(() => rows().length === 3);
    expect([...$<HTMLSelectElement>("#audit-action")!.options].map((option) => option.value)).toEqual(["", "suspend", "unlock"]);
    choose("audit-action", "suspend");
    await until(() => rows().join() === "9,7");
    choose("audit-result", "failed");
    await until(() => rows().join() === "7");
    expect($('[data-poc="audit-count"]')!.textContent).toContain("1 of 3 loaded entries match");
    expect($('[data-poc="audit-count"]')!.textContent).toContain("load older entries");
    $<HTMLButtonElement>('button[data-poc="audit-clear-filters"]')!.click();
    await until(() => rows().length === 3);
    const actor = $<HTMLInputElement>("#audit-actor")!;
    actor.value = "GRACE";
    actor.dispatchEvent(new Event("input", { bubbles: true }));
    await until(() => rows().join() === "8");
    expect(apiCalls.map((call) => call.path)).toEqual(["/api/orgs/acme/audit?limit=50"]);
  });

  it("appends older pages, which the filters then search too, and ends when the worker says there are no more", async () => {
    backend(session("operator"), routes);
    render(<AuditSection orgId="acme" />, container);
    await until(() => rows().length === 3);
    choose("audit-result", "success");
    await until(() => rows().join() === "9");
    $<HTMLButtonElement>('button[data-poc="audit-older"]')!.click();
    await until(() => rows().join() === "9,6");
    expect($('tr[data-entry="6"]')!.textContent).toContain("changed: defaultRole");
    expect([...$<HTMLSelectElement>("#audit-action")!.options].map((option) => option.value)).toContain("org_update");
    expect($('button[data-poc="audit-older"]')).toBeNull();
    expect(apiCalls.map((call) => call.path)).toEqual(["/api/orgs/acme/audit?limit=50", "/api/orgs/acme/audit?limit=50&before=7"]);
  });

  it("asks the worker for one user's entries, starting again from the newest", async () => {
    backend(session("operator"), {
      ...routes,
      "GET /api/orgs/acme/audit?limit=50&userId=00udemoada0000000001": { status: 200, body: { entries: [page1[0]], next: null } },
    });
    render(<AuditSection orgId="acme" />, container);
    await until(() => rows().length === 3);
    fill($<HTMLFormElement>('form[data-poc="audit-user-filter"]')!, { userId: "00udemoada0000000001" });
    $<HTMLButtonElement>('button[data-poc="audit-show"]')!.click();
    await until(() => rows().join() === "9");
  });

  it("keeps the loaded entries when an older page fails, and shows why", async () => {
    backend(session("operator"), {
      ...routes,
      "GET /api/orgs/acme/audit?limit=50&before=7": { status: 503, body: workerError("internal_error", "try later") },
    });
    render(<AuditSection orgId="acme" />, container);
    await until(() => rows().length === 3);
    $<HTMLButtonElement>('button[data-poc="audit-older"]')!.click();
    const error = await until(() => $('[data-section="audit"] [data-poc="error"]'));
    expect(error.textContent).toContain("internal_error");
    expect(rows()).toHaveLength(3);
    expect($<HTMLButtonElement>('button[data-poc="audit-older"]')!.disabled).toBe(false);
  });
});
