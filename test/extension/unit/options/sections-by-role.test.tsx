/** Options page: which sections each role gets. */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { OptionsApp } from "../../../../extension/options/options-app";
import { $, $$, apiCalls, backend, container, session, setUpPage, until } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

const ADMIN_SECTIONS = ["sso", "credentials", "persona", "roles", "users", "rules", "api-keys"];
const sections = () => $$("section[data-section]").map((section) => section.dataset.section);

setUpPage();

describe("options page: sections by role", () => {
  it("gives a viewer no setup section, only the note that setup needs an admin", async () => {
    backend(session("viewer"), {});
    render(<OptionsApp />, container);
    await until(() => $('[data-poc="needs-admin"]'));
    for (const name of [...ADMIN_SECTIONS, "audit"]) expect(sections()).not.toContain(name);
    expect($('input[name="workerUrl"]')).not.toBeNull();
    expect($('button[data-poc="sign-out"]')).not.toBeNull();
    expect(apiCalls).toEqual([]);
  });

  it("gives an operator the audit log only", async () => {
    backend(session("operator"), { "GET /api/orgs/acme/audit?limit=50": { status: 200, body: { entries: [], next: null } } });
    render(<OptionsApp />, container);
    await until(() => $('section[data-section="audit"] [data-poc="empty"]'));
    for (const name of ADMIN_SECTIONS) expect(sections()).not.toContain(name);
    expect($('[data-poc="needs-admin"]')).not.toBeNull();
    expect(apiCalls.map((call) => call.path)).toEqual(["/api/orgs/acme/audit?limit=50"]);
  });

  it("gives an admin every section", async () => {
    backend(session("admin"), {});
    render(<OptionsApp />, container);
    await until(() => $('section[data-section="audit"]'));
    for (const name of [...ADMIN_SECTIONS, "audit"]) expect(sections()).toContain(name);
    expect($('[data-poc="needs-admin"]')).toBeNull();
  });

  it("shows no role section when signed out", async () => {
    backend(null, {});
    render(<OptionsApp />, container);
    await until(() => $('button[data-poc="sign-in"]'));
    for (const name of [...ADMIN_SECTIONS, "audit"]) expect(sections()).not.toContain(name);
  });
});
