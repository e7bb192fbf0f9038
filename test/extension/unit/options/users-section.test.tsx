/** Options page: the users section (pre-provisioning and its refusals). */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { UsersSection } from "../../../../extension/options/users-section";
import { $, apiCalls, backend, container, fill, session, setUpPage, until, workerError } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

const user = (email: string, role: string, lastLoginAt: string | null) => ({
  id: `usr_${email.split("@")[0]}`,
  email,
  role,
  roleSource: lastLoginAt ? "jit" : "admin",
  disabled: false,
  createdAt: "2030-01-01T00:00:00.000Z",
  updatedAt: "2030-01-01T00:00:00.000Z",
  lastLoginAt,
});

describe("options page: users", () => {
  it("pre-provisions a user with a role, and lists them afterwards", async () => {
    const users = [user("ada@acme.test", "admin", "2030-01-01T00:00:00.000Z")];
    backend(session("admin"), {
      "GET /api/orgs/acme/users": () => ({ status: 200, body: { users } }),
      "POST /api/orgs/acme/users": (call) => {
        const { email, role } = call.body as { email: string; role: string };
        const created = user(email, role, null);
        users.push(created);
        return { status: 201, body: created };
      },
    });
    render(<UsersSection orgId="acme" selfEmail="ada@acme.test" />, container);
    await until(() => $('tr[data-user="ada@acme.test"]'));
    const form = $<HTMLFormElement>('form[data-poc="provision-user"]')!;
    fill(form, { email: " Grace@Acme.test ", role: "operator" });
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const added = await until(() => $('tr[data-user="grace@acme.test"]'));

    expect(apiCalls.filter((call) => call.method === "POST")).toEqual([
      { method: "POST", path: "/api/orgs/acme/users", body: { email: "grace@acme.test", role: "operator" } },
    ]);
    expect(added.querySelector<HTMLSelectElement>("select")!.value).toBe("operator");
    expect((form.elements.namedItem("email") as HTMLInputElement).value).toBe("");
    expect($('section[data-section="users"] [data-poc="announce"]')!.textContent).toContain("grace@acme.test");
  });

  it("shows user_exists when the email is taken, and keeps what was typed", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/users": { status: 200, body: { users: [user("ada@acme.test", "admin", null)] } },
      "POST /api/orgs/acme/users": { status: 409, body: workerError("user_exists", "a user with this email exists") },
    });
    render(<UsersSection orgId="acme" selfEmail="ada@acme.test" />, container);
    const form = await until(() => $<HTMLFormElement>('form[data-poc="provision-user"]'));
    fill(form, { email: "ada@acme.test", role: "viewer" });
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const announce = $('section[data-section="users"] [data-poc="announce"]')!;
    await until(() => announce.textContent || null);

    expect(announce.textContent).toContain("user_exists: a user with this email exists");
    expect(announce.textContent).toContain("HTTP 409");
    expect(announce.textContent).toContain("req-42");
    expect(announce.dataset.tone).toBe("error");
    expect((form.elements.namedItem("email") as HTMLInputElement).value).toBe("ada@acme.test");
  });

  it("refuses an invalid email before sending anything", async () => {
    backend(session("admin"), { "GET /api/orgs/acme/users": { status: 200, body: { users: [] } } });
    render(<UsersSection orgId="acme" selfEmail="ada@acme.test" />, container);
    await until(() => $('section[data-section="users"] [data-poc="empty"]'));
    const form = $<HTMLFormElement>('form[data-poc="provision-user"]')!;
    fill(form, { email: "not an email", role: "viewer" });
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const text = await until(() => $('section[data-section="users"] [data-poc="announce"]')?.textContent || null);
    expect(text).toContain("email");
    expect(apiCalls.filter((call) => call.method === "POST")).toEqual([]);
  });

  it("says how each user was provisioned, and filters by it", async () => {
    const users = [
      { ...user("ada@acme.test", "admin", "2030-01-01T00:00:00.000Z"), provisionedBy: "jit" },
      { ...user("grace@acme.test", "viewer", null), provisionedBy: "scim" },
      { ...user("linus@acme.test", "viewer", null), provisionedBy: "admin" },
    ];
    backend(session("admin"), { "GET /api/orgs/acme/users": { status: 200, body: { users } } });
    render(<UsersSection orgId="acme" selfEmail="ada@acme.test" />, container);
    await until(() => $('tr[data-user="grace@acme.test"]'));
    const by = (email: string) => $(`tr[data-user="${email}"] [data-poc="provisioned-by"]`)!.textContent;
    expect([by("ada@acme.test"), by("grace@acme.test"), by("linus@acme.test")]).toEqual(["JIT (first sign-in)", "SCIM (Okta)", "admin"]);
    const filter = $<HTMLSelectElement>('select[data-poc="provisioned-filter"]')!;
    filter.value = "scim";
    filter.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() => expect($('tr[data-user="ada@acme.test"]')).toBeNull());
    expect($('tr[data-user="grace@acme.test"]')).not.toBeNull();
    expect($('table[data-poc="users"] caption')!.textContent).toBe("Users provisioned by SCIM (Okta)");
  });
});
