/** Options page: the Verification section (the verified-recovery policy, docs/verified-recovery.md). */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import type { ApiCall } from "../../../../extension/lib/protocol";
import { OptionsApp } from "../../../../extension/options/options-app";
import { VerificationSection } from "../../../../extension/options/verification-section";
import { GATEABLE_ACTIONS } from "../../../../shared/verification";
import { $, $$, apiCalls, backend, container, fill, session, setUpPage, until, workerError } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

const PATH = "/api/orgs/acme/verification";
const configured = {
  configured: true,
  templateId: "itmpl_Abc123",
  passOn: ["completed"],
  linkTtlSeconds: 600,
  validForMinutes: 45,
  requiredFor: ["suspend", "unlock"],
  fieldMap: { "name-first": "legalFirstName", birthdate: "birthdate" },
  updatedAt: "2030-01-01T00:00:00.000Z",
};

const form = () => $<HTMLFormElement>('form[data-poc="verification-policy"]')!;
const input = (name: string) => form().elements.namedItem(name) as HTMLInputElement;
const checkbox = (group: "passOn" | "requiredFor", value: string) => $<HTMLInputElement>(`#verification-${group}-${value}`)!;
const checked = (group: "passOn" | "requiredFor") =>
  $$(`fieldset[data-poc="verification-${group}"] input[type="checkbox"]`)
    .filter((box) => (box as HTMLInputElement).checked)
    .map((box) => (box as HTMLInputElement).value);
const rows = () =>
  $$('tr[data-poc="field-map-row"]').map((row) => [
    row.querySelector<HTMLInputElement>('input[name="mapField"]')!.value,
    row.querySelector<HTMLInputElement>('input[name="mapAttribute"]')!.value,
  ]);
const announced = () => $('section[data-section="verification"] [data-poc="announce"]')?.textContent ?? "";
const save = () => $<HTMLButtonElement>('button[data-poc="save-verification"]')!.click();
const writes = () => apiCalls.filter((call) => call.method !== "GET");

async function renderWith(routes: Parameters<typeof backend>[1]) {
  backend(session("admin"), routes);
  render(<VerificationSection orgId="acme" />, container);
  await until(() => $('form[data-poc="verification-policy"]'));
}

describe("options page: Verification", () => {
  it("shows a configured policy in the form, with a Remove button", async () => {
    await renderWith({ [`GET ${PATH}`]: { status: 200, body: configured } });

    expect($('[data-poc="verification-status"]')!.textContent).toContain("itmpl_Abc123");
    expect($('[data-poc="verification-status"]')!.textContent).toContain("suspend, unlock");
    expect(input("templateId").value).toBe("itmpl_Abc123");
    expect(checked("passOn")).toEqual(["completed"]);
    // Seconds on the wire, minutes on the page.
    expect(input("linkTtlMinutes").value).toBe("10");
    expect(input("validForMinutes").value).toBe("45");
    expect(checked("requiredFor")).toEqual(["suspend", "unlock"]);
    expect(rows()).toEqual([
      ["name-first", "legalFirstName"],
      ["birthdate", "birthdate"],
    ]);
    expect($('button[data-poc="remove-verification"]')).not.toBeNull();
    expect($('section[data-section="verification"] [data-poc="empty"]')).toBeNull();
  });

  it("starts an unconfigured policy from the defaults, with nothing to remove", async () => {
    await renderWith({ [`GET ${PATH}`]: { status: 200, body: { configured: false } } });

    expect($('section[data-section="verification"] [data-poc="empty"]')!.textContent).toContain("No verification policy");
    expect(input("templateId").value).toBe("");
    expect(checked("passOn")).toEqual(["approved"]);
    expect(input("linkTtlMinutes").value).toBe("15");
    expect(input("validForMinutes").value).toBe("30");
    // In GATEABLE_ACTIONS' order, whatever DEFAULT_REQUIRED_FOR's is.
    expect(checked("requiredFor")).toEqual(GATEABLE_ACTIONS.filter((action) => ["reset_factors", "unlock", "temporary_access_code"].includes(action)));
    expect(rows()).toEqual([
      ["name-first", "firstName"],
      ["name-last", "lastName"],
      ["email-address", "email"],
    ]);
    expect($('button[data-poc="remove-verification"]')).toBeNull();
  });

  it("labels every control of the form", async () => {
    await renderWith({ [`GET ${PATH}`]: { status: 200, body: configured } });
    const controls = [...form().querySelectorAll<HTMLInputElement | HTMLButtonElement>("input, button")];
    expect(controls.length).toBeGreaterThan(10);
    for (const control of controls) {
      const label = control instanceof HTMLButtonElement ? control.getAttribute("aria-label") || control.textContent : control.labels?.[0]?.textContent;
      expect(label?.trim(), control.outerHTML).toBeTruthy();
    }
  });

  it("saves the whole policy, the link lifetime in seconds, and shows the worker's answer", async () => {
    let put: ApiCall | undefined;
    await renderWith({
      [`GET ${PATH}`]: { status: 200, body: { configured: false } },
      [`PUT ${PATH}`]: (call) => {
        put = call;
        return { status: 200, body: { ...(call.body as object), configured: true, updatedAt: "2030-02-02T00:00:00.000Z" } };
      },
    });
    fill(form(), { templateId: " itmpl_New42 ", linkTtlMinutes: "20", validForMinutes: "60" });
    checkbox("passOn", "completed").click();
    checkbox("requiredFor", "unlock").click();
    checkbox("requiredFor", "suspend").click();
    // Drop the email row, add birthdate → birthdate and a blank row (ignored).
    $$('button[data-poc="remove-field"]')[2]!.click();
    await until(() => rows().length === 2);
    $<HTMLButtonElement>('button[data-poc="add-field"]')!.click();
    $<HTMLButtonElement>('button[data-poc="add-field"]')!.click();
    await until(() => rows().length === 4);
    const [, , added] = $$('tr[data-poc="field-map-row"]');
    added!.querySelector<HTMLInputElement>('input[name="mapField"]')!.value = "birthdate";
    added!.querySelector<HTMLInputElement>('input[name="mapAttribute"]')!.value = "birthdate";
    save();

    await until(() => put);
    expect(put).toEqual({
      method: "PUT",
      path: PATH,
      body: {
        templateId: "itmpl_New42",
        passOn: ["approved", "completed"],
        linkTtlSeconds: 1200,
        validForMinutes: 60,
        requiredFor: GATEABLE_ACTIONS.filter((action) => ["reset_factors", "suspend", "temporary_access_code"].includes(action)),
        fieldMap: { "name-first": "firstName", "name-last": "lastName", birthdate: "birthdate" },
      },
    });
    await until(() => $('[data-poc="verification-status"]'));
    expect(announced()).toContain("Verification policy saved: 3 actions wait");
    expect($('[data-poc="verification-status"]')!.textContent).toContain("itmpl_New42");
    // The form now shows what was stored, and offers to remove it.
    expect(input("templateId").value).toBe("itmpl_New42");
    expect(input("linkTtlMinutes").value).toBe("20");
    expect($('button[data-poc="remove-verification"]')).not.toBeNull();
  });

  it("marks invalid fields and sends nothing", async () => {
    await renderWith({ [`GET ${PATH}`]: { status: 200, body: { configured: false } }, [`PUT ${PATH}`]: { status: 200, body: configured } });
    fill(form(), { templateId: "tmpl_1", linkTtlMinutes: "0", validForMinutes: "" });
    checkbox("passOn", "approved").click();
    const [first, second] = $$('tr[data-poc="field-map-row"]');
    first!.querySelector<HTMLInputElement>('input[name="mapAttribute"]')!.value = "9bad";
    // The same Persona field twice would silently lose a row.
    second!.querySelector<HTMLInputElement>('input[name="mapField"]')!.value = "name-first";
    save();

    await until(() => $('[data-poc="field-error"]'));
    expect($("#verification-templateId-error")!.textContent).toContain("itmpl_");
    expect(input("templateId").getAttribute("aria-invalid")).toBe("true");
    expect(input("templateId").getAttribute("aria-describedby")).toBe("verification-templateId-error");
    expect($("#verification-linkTtl-error")!.textContent).toContain("minutes from 1 to 1440");
    expect($("#verification-validFor-error")!.textContent).toContain("minutes from 1 to 1440");
    expect($("#verification-passOn-error")!.textContent).toContain("at least one");
    expect(first!.querySelector('[data-poc="field-error"]')!.textContent).toContain("Okta profile attribute");
    expect(second!.querySelector('[data-poc="field-error"]')!.textContent).toContain("already mapped");
    expect(announced()).toContain("Not saved");
    expect(writes()).toEqual([]);
  });

  it("blocks a duplicate Persona field even when everything else is valid", async () => {
    await renderWith({ [`GET ${PATH}`]: { status: 200, body: configured }, [`PUT ${PATH}`]: { status: 200, body: configured } });
    $$('tr[data-poc="field-map-row"]')[1]!.querySelector<HTMLInputElement>('input[name="mapField"]')!.value = "name-first";
    save();
    await until(() => $('[data-poc="field-error"]'));
    expect($$('[data-poc="field-error"]')).toHaveLength(1);
    expect(writes()).toEqual([]);
  });

  it("removes the policy only after confirmation, then shows the defaults again", async () => {
    await renderWith({ [`GET ${PATH}`]: { status: 200, body: configured }, [`DELETE ${PATH}`]: { status: 204, body: null } });
    $<HTMLButtonElement>('button[data-poc="remove-verification"]')!.click();
    const confirm = await until(() => $<HTMLButtonElement>('section[data-section="verification"] button[data-poc="confirm"]'));
    expect(writes()).toEqual([]);
    confirm.click();

    await until(() => $('section[data-section="verification"] [data-poc="empty"]'));
    expect(writes()).toEqual([{ method: "DELETE", path: PATH }]);
    expect(announced()).toContain("removed");
    expect($('button[data-poc="remove-verification"]')).toBeNull();
    expect(input("templateId").value).toBe("");
    expect(checked("passOn")).toEqual(["approved"]);
  });

  it("keeps the policy when the removal is cancelled", async () => {
    await renderWith({ [`GET ${PATH}`]: { status: 200, body: configured } });
    $<HTMLButtonElement>('button[data-poc="remove-verification"]')!.click();
    (await until(() => $<HTMLButtonElement>('section[data-section="verification"] button[data-poc="cancel"]'))).click();
    await until(() => $('button[data-poc="remove-verification"]'));
    expect(writes()).toEqual([]);
    expect($('[data-poc="verification-status"]')).not.toBeNull();
  });

  it("shows the worker's refusal of a save with its code, and keeps the stored policy", async () => {
    await renderWith({
      [`GET ${PATH}`]: { status: 200, body: configured },
      [`PUT ${PATH}`]: { status: 400, body: workerError("invalid_request", "requiredFor: each action once") },
    });
    fill(form(), { templateId: "itmpl_Other9" });
    save();

    const text = await until(() => (announced().includes("invalid_request") ? announced() : null));
    expect(text).toContain("invalid_request: requiredFor: each action once");
    expect(text).toContain("HTTP 400");
    expect(text).toContain("req-42");
    expect($('[data-poc="verification-status"]')!.textContent).toContain("itmpl_Abc123");
    // What was typed stays, to be corrected.
    expect(input("templateId").value).toBe("itmpl_Other9");
  });

  it("shows a failed read with its code", async () => {
    backend(session("admin"), { [`GET ${PATH}`]: { status: 403, body: workerError("forbidden", "this needs the admin role") } });
    render(<VerificationSection orgId="acme" />, container);
    const error = await until(() => $('section[data-section="verification"] [data-poc="error"]'));
    expect(error.textContent).toContain("forbidden: this needs the admin role");
    expect($('form[data-poc="verification-policy"]')).toBeNull();
  });

  it("is on the options page for an admin only", async () => {
    backend(session("admin"), { [`GET ${PATH}`]: { status: 200, body: { configured: false } } });
    history.replaceState(null, "", `${window.location.pathname}#verification`);
    render(<OptionsApp />, container);
    await until(() => $('section[data-section="verification"] [data-poc="empty"]'));
    render(null, container);

    apiCalls.length = 0;
    backend(session("operator"), { "GET /api/orgs/acme/audit?limit=50": { status: 200, body: { entries: [], next: null } } });
    render(<OptionsApp />, container);
    await until(() => $('[data-poc="needs-admin"]'));
    expect($('section[data-section="verification"]')).toBeNull();
    expect(apiCalls.map((call) => call.path)).not.toContain(PATH);
  });
});
