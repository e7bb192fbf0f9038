/** Options page: the console's sections by role, and the navigation between them (hash-based, focus managed). */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { OptionsApp } from "../../../../extension/options/options-app";
import { $, $$, apiCalls, backend, container, goTo, session, setUpPage, until } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

const ADMIN_SECTIONS = ["sso", "credentials", "okta-event-hook", "persona", "verification", "roles", "users", "rules", "api-keys"];
const NAV = ["setup", "okta", "persona", "verification", "rules", "provisioning", "users", "roles", "api-keys", "audit"];
const sections = () => $$("section[data-section]").map((section) => section.dataset.section);
const nav = () => $$('[data-poc="console-nav"] a').map((link) => link.dataset.nav);
const currentNav = () => $$('[data-poc="console-nav"] a[aria-current="page"]').map((link) => link.dataset.nav);
const emptyAudit = { "GET /api/orgs/acme/audit?limit=50": { status: 200, body: { entries: [], next: null } } };

setUpPage();

describe("options page: sections by role", () => {
  it("gives a viewer Setup only, with the note that setup needs an admin, even when a link names another section", async () => {
    history.replaceState(null, "", `${window.location.pathname}#okta`);
    backend(session("viewer"), {});
    render(<OptionsApp />, container);
    await until(() => $('[data-poc="needs-admin"]'));
    expect(nav()).toEqual(["setup"]);
    expect(currentNav()).toEqual(["setup"]);
    for (const name of [...ADMIN_SECTIONS, "audit", "setup-checklist"]) expect(sections()).not.toContain(name);
    expect($('input[name="workerUrl"]')).not.toBeNull();
    expect($('button[data-poc="sign-out"]')).not.toBeNull();
    expect(apiCalls).toEqual([]);
  });

  it("gives an operator Setup and the audit log, and reads nothing an admin section would", async () => {
    backend(session("operator"), emptyAudit);
    render(<OptionsApp />, container);
    await until(() => $('[data-poc="needs-admin"]'));
    expect(nav()).toEqual(["setup", "audit"]);
    goTo("#audit");
    await until(() => $('section[data-section="audit"] [data-poc="empty"]'));
    expect(currentNav()).toEqual(["audit"]);
    goTo("#verification");
    await until(() => $('[data-poc="needs-admin"]'));
    for (const name of ADMIN_SECTIONS) expect(sections()).not.toContain(name);
    expect(apiCalls.map((call) => call.path)).toEqual(["/api/orgs/acme/audit?limit=50"]);
  });

  it("gives an admin every section in the navigation, in the order an admin works, starting on the checklist", async () => {
    backend(session("admin"), {});
    render(<OptionsApp />, container);
    await until(() => $('section[data-section="setup-checklist"]'));
    expect(nav()).toEqual(NAV);
    expect(currentNav()).toEqual(["setup"]);
    expect($('[data-poc="needs-admin"]')).toBeNull();
    // One section at a time: nothing of the Okta section before it is opened.
    expect(sections()).not.toContain("sso");
  });

  it("opens the section a link names, marks it current, and moves focus to its heading", async () => {
    backend(session("admin"), {});
    render(<OptionsApp />, container);
    await until(() => $('section[data-section="setup-checklist"]'));
    goTo("#okta");
    await until(() => $('section[data-section="okta-event-hook"]'));
    expect(sections()).toEqual(expect.arrayContaining(["sso", "credentials", "okta-event-hook"]));
    expect(sections()).not.toContain("setup-checklist");
    expect(currentNav()).toEqual(["okta"]);
    await until(() => document.activeElement?.id === "sso-heading");
    goTo("#api-keys");
    await until(() => $('section[data-section="api-keys"]'));
    expect(sections()).not.toContain("sso");
    await until(() => document.activeElement?.id === "api-keys-heading");
  });

  it("reads a section from the hash on first load without taking focus", async () => {
    history.replaceState(null, "", `${window.location.pathname}#rules`);
    backend(session("admin"), {});
    render(<OptionsApp />, container);
    await until(() => $('section[data-section="rules"]'));
    expect(currentNav()).toEqual(["rules"]);
    expect(document.activeElement?.id).not.toBe("rules-heading");
  });

  it("shows Setup only when signed out", async () => {
    backend(null, {});
    render(<OptionsApp />, container);
    await until(() => $('button[data-poc="sign-in"]'));
    expect(nav()).toEqual(["setup"]);
    for (const name of [...ADMIN_SECTIONS, "audit", "setup-checklist"]) expect(sections()).not.toContain(name);
  });
});
