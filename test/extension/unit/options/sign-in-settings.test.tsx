/** Options page: the organization's sign-in settings (the Okta tile, the email attribute). */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { SignInSettingsForm } from "../../../../extension/options/sign-in-settings";
import { orgAnswer } from "./fixtures";
import { $, apiCalls, backend, container, fill, session, setUpPage, until } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

const org = orgAnswer();

describe("options page: sign-in settings", () => {
  it("turns the Okta tile off and renames the email attribute in one PATCH", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme": { status: 200, body: org },
      "PATCH /api/orgs/acme": (call) => ({ status: 200, body: { ...org, ...(call.body as object) } }),
    });
    render(<SignInSettingsForm orgId="acme" />, container);
    const form = await until(() => $<HTMLFormElement>('form[data-poc="sign-in-settings"]'));
    expect($<HTMLInputElement>("#sso-allowIdpInitiated")!.checked).toBe(true);
    $<HTMLInputElement>("#sso-allowIdpInitiated")!.checked = false;
    fill(form, { emailAttribute: " mail " });
    $<HTMLButtonElement>('button[data-poc="save-sign-in-settings"]')!.click();
    const text = await until(() => $('[data-poc="sign-in-settings-part"] [data-poc="announce"]')?.textContent || null);
    expect(text).toContain("may not sign in");
    expect(apiCalls.find((call) => call.method === "PATCH")!.body).toEqual({ allowIdpInitiated: false, emailAttribute: "mail" });
  });

  it("refuses an attribute name every JavaScript object inherits, before sending", async () => {
    backend(session("admin"), { "GET /api/orgs/acme": { status: 200, body: org } });
    render(<SignInSettingsForm orgId="acme" />, container);
    const form = await until(() => $<HTMLFormElement>('form[data-poc="sign-in-settings"]'));
    fill(form, { emailAttribute: "__proto__" });
    $<HTMLButtonElement>('button[data-poc="save-sign-in-settings"]')!.click();
    await until(() => $('[data-poc="sign-in-settings-part"] [data-poc="announce"]')?.textContent?.includes("Not saved"));
    expect(apiCalls.filter((call) => call.method === "PATCH")).toEqual([]);
  });
});
