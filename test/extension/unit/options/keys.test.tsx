import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { CredentialsSection } from "../../../../extension/options/credentials-section";
import { $, $$, apiCalls, backend, container, session, setUpPage, until, workerError } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

const id = "cred_0123456789abcdef0123456789abcdef";
const keysPath = `/api/orgs/acme/credentials/${id}/keys`;
type Key = { kid: string; alg: "RS256"; status: "active" | "next" | "retired"; createdAt: string; retiredAt?: string };
const key = (kid: string, status: Key["status"], retiredAt?: string): Key => ({
  kid,
  alg: "RS256",
  status,
  createdAt: "2030-01-01T00:00:00.000Z",
  ...(retiredAt ? { retiredAt } : {}),
});
const service = (keys: Key[]) => ({
  id,
  type: "okta_api_service",
  nickname: "Companion app",
  orgUrl: "https://acme.okta.com",
  adminConsoleHost: "acme-admin.okta.com",
  clientId: "0oa1b2c3d4e5f6g7h8i9",
  jwksUrl: `https://companion.example.com/jwks/acme/${id}`,
  keys,
  createdAt: "2030-01-01T00:00:00.000Z",
});
const token = {
  id: "cred_fedcba9876543210fedcba9876543210",
  type: "okta_api_key",
  nickname: "Test token",
  orgUrl: "https://acme.okta.com",
  adminConsoleHost: "acme-admin.okta.com",
  createdAt: "2030-01-01T00:00:00.000Z",
};

/** The credentials route answering from `state.keys`, which each test's write routes change. */
function listing(state: { keys: Key[] }) {
  return () => ({ status: 200, body: { credentials: [service(state.keys), token] } });
}
const row = (kid: string) => $(`[data-poc="credential-keys"] tr[data-kid="${kid}"]`);
const button = (kid: string, poc: string) => row(kid)?.querySelector<HTMLButtonElement>(`button[data-poc="${poc}"]`) ?? null;
const announced = () => $('section[data-section="credentials"] [data-poc="announce"]')!.textContent ?? "";
const writes = () => apiCalls.filter((call) => call.method !== "GET");

describe("options page: signing key rotation", () => {
  it("lists each key of an API Service credential with its status, and offers only what that status allows", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/credentials": listing({ keys: [key("k-old", "retired", "2030-01-02T00:00:00.000Z"), key("k-now", "active"), key("k-new", "next")] }),
    });
    render(<CredentialsSection orgId="acme" />, container);
    await until(() => row("k-now"));

    // One panel, for the API Service credential only: an API token has no signing key.
    expect($$('[data-poc="credential-keys"]').map((panel) => panel.dataset.credential)).toEqual([id]);
    const statuses = $$('[data-poc="credential-keys"] tbody tr').map((tr) => [tr.dataset.kid, tr.querySelector('[data-poc="key-status"]')!.textContent]);
    expect(statuses).toEqual([
      ["k-old", "retired"],
      ["k-now", "active"],
      ["k-new", "next"],
    ]);
    expect(button("k-new", "activate-key")).not.toBeNull();
    expect(button("k-old", "delete-key")).not.toBeNull();
    expect(button("k-now", "activate-key")).toBeNull();
    expect(button("k-now", "delete-key")).toBeNull();
    expect(button("k-new", "delete-key")).toBeNull();
    expect(button("k-old", "activate-key")).toBeNull();
    expect(button("k-old", "rollback-key")).not.toBeNull();
    expect(button("k-now", "rollback-key")).toBeNull();
    expect(button("k-new", "rollback-key")).toBeNull();
    // The worker allows one next key at a time.
    expect($<HTMLButtonElement>('button[data-poc="add-key"]')!.disabled).toBe(true);
    expect($('[data-poc="jwks-hint"]')!.textContent).toContain("JWKS URL");
  });

  it("adds a next key with a POST to the credential's keys, then shows it as next", async () => {
    const state = { keys: [key("k-now", "active")] };
    backend(session("admin"), {
      "GET /api/orgs/acme/credentials": listing(state),
      [`POST ${keysPath}`]: () => {
        state.keys = [...state.keys, key("k-new", "next")];
        return { status: 201, body: { ...service(state.keys), kid: "k-new" } };
      },
    });
    render(<CredentialsSection orgId="acme" />, container);
    (await until(() => $<HTMLButtonElement>('button[data-poc="add-key"]:not([disabled])'))).click();
    await until(() => row("k-new"));

    expect(writes()).toEqual([{ method: "POST", path: keysPath }]);
    expect(row("k-new")!.dataset.status).toBe("next");
    expect(announced()).toContain("k-new");
    expect($<HTMLButtonElement>('button[data-poc="add-key"]')!.disabled).toBe(true);
  });

  it("activates the next key; the old one shows as retired", async () => {
    const state = { keys: [key("k-now", "active"), key("k-new", "next")] };
    backend(session("admin"), {
      "GET /api/orgs/acme/credentials": listing(state),
      [`POST ${keysPath}/k-new/activate`]: () => {
        state.keys = [key("k-now", "retired", "2030-01-03T00:00:00.000Z"), key("k-new", "active")];
        return { status: 200, body: service(state.keys) };
      },
    });
    render(<CredentialsSection orgId="acme" />, container);
    (await until(() => button("k-new", "activate-key"))).click();
    await until(() => (row("k-now")?.dataset.status === "retired" ? row("k-now") : null));

    expect(writes()).toEqual([{ method: "POST", path: `${keysPath}/k-new/activate` }]);
    expect(row("k-new")!.dataset.status).toBe("active");
    expect(button("k-now", "delete-key")).not.toBeNull();
  });

  it("deletes a retired key only after confirmation", async () => {
    const state = { keys: [key("k-old", "retired", "2030-01-02T00:00:00.000Z"), key("k-now", "active")] };
    backend(session("admin"), {
      "GET /api/orgs/acme/credentials": listing(state),
      [`DELETE ${keysPath}/k-old`]: () => {
        state.keys = [key("k-now", "active")];
        return { status: 204, body: null };
      },
    });
    render(<CredentialsSection orgId="acme" />, container);
    (await until(() => button("k-old", "delete-key"))).click();
    const confirm = await until(() => button("k-old", "confirm"));
    expect(writes()).toEqual([]);
    confirm.click();
    await vi.waitFor(() => expect(row("k-old")).toBeNull());

    expect(writes()).toEqual([{ method: "DELETE", path: `${keysPath}/k-old` }]);
    expect(announced()).toContain("k-old");
  });

  it("cancels a key deletion without calling the worker", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/credentials": listing({ keys: [key("k-old", "retired", "2030-01-02T00:00:00.000Z"), key("k-now", "active")] }),
    });
    render(<CredentialsSection orgId="acme" />, container);
    (await until(() => button("k-old", "delete-key"))).click();
    (await until(() => row("k-old")?.querySelector<HTMLButtonElement>('button[data-poc="cancel"]'))).click();
    await until(() => button("k-old", "delete-key"));
    expect(button("k-old", "confirm")).toBeNull();
    expect(writes()).toEqual([]);
  });

  it("shows the worker's refusal of a delete within the grace period, and offers no force", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/credentials": listing({ keys: [key("k-old", "retired", "2030-01-02T00:00:00.000Z"), key("k-now", "active")] }),
      [`DELETE ${keysPath}/k-old`]: {
        status: 409,
        body: workerError("key_still_in_grace", "an assertion signed with this key may still be in flight", { retryAfterSeconds: 120 }),
      },
    });
    render(<CredentialsSection orgId="acme" />, container);
    (await until(() => button("k-old", "delete-key"))).click();
    (await until(() => button("k-old", "confirm"))).click();
    const text = await until(() => (announced().includes("key_still_in_grace") ? announced() : null));

    expect(text).toContain("key_still_in_grace: an assertion signed with this key may still be in flight");
    expect(text).toContain("try again in 120 s");
    expect(text).toContain("HTTP 409");
    expect(text).toContain("req-42");
    expect($('section[data-section="credentials"] [data-poc="announce"]')!.dataset.tone).toBe("error");
    expect(row("k-old")).not.toBeNull();
    expect(apiCalls.some((call) => call.path.includes("force"))).toBe(false);
    expect($$("button").filter((element) => /force/i.test(element.textContent ?? ""))).toEqual([]);
  });

  it("shows the worker's refusal of an activation within the grace period", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/credentials": listing({ keys: [key("k-now", "active"), key("k-new", "next")] }),
      [`POST ${keysPath}/k-new/activate`]: {
        status: 409,
        body: workerError("key_not_yet_published", "Okta may still hold a cached JWKS without this key", { retryAfterSeconds: 240 }),
      },
    });
    render(<CredentialsSection orgId="acme" />, container);
    (await until(() => button("k-new", "activate-key"))).click();
    const text = await until(() => (announced().includes("key_not_yet_published") ? announced() : null));
    expect(text).toContain("try again in 240 s");
    expect(row("k-new")!.dataset.status).toBe("next");
  });

  it("rolls back to a retired key, which signs again while the active one is retired", async () => {
    const state = { keys: [key("k-old", "retired", "2030-01-02T00:00:00.000Z"), key("k-now", "active")] };
    backend(session("admin"), {
      "GET /api/orgs/acme/credentials": listing(state),
      [`POST ${keysPath}/k-old/activate`]: () => {
        state.keys = [key("k-old", "active"), key("k-now", "retired", "2030-01-04T00:00:00.000Z")];
        return { status: 200, body: service(state.keys) };
      },
    });
    render(<CredentialsSection orgId="acme" />, container);
    const rollback = await until(() => button("k-old", "rollback-key"));
    expect(rollback.getAttribute("aria-label")).toBe("Roll back Companion app to retired key k-old");
    rollback.click();
    await until(() => (row("k-old")?.dataset.status === "active" ? row("k-old") : null));
    expect(writes()).toEqual([{ method: "POST", path: `${keysPath}/k-old/activate` }]);
    expect(row("k-now")!.dataset.status).toBe("retired");
    expect(announced()).toContain("rolled back to key k-old");
  });

  it("asks in a modal dialog that starts on Cancel, and gives focus back to Delete when cancelled", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/credentials": listing({ keys: [key("k-old", "retired", "2030-01-02T00:00:00.000Z"), key("k-now", "active")] }),
    });
    render(<CredentialsSection orgId="acme" />, container);
    const remove = await until(() => button("k-old", "delete-key"));
    remove.focus();
    remove.click();
    const dialog = await until(() => row("k-old")?.querySelector<HTMLDialogElement>('dialog[data-poc="confirm-dialog"]'));
    expect(dialog.open).toBe(true);
    expect(document.getElementById(dialog.getAttribute("aria-labelledby")!)!.textContent).toBe("Delete key k-old?");
    expect(document.getElementById(dialog.getAttribute("aria-describedby")!)!.textContent).toContain("cannot be rolled back to");
    await until(() => document.activeElement === dialog.querySelector('[data-poc="cancel"]'));
    // Escape is the dialog's cancel event.
    dialog.dispatchEvent(new Event("cancel", { cancelable: true }));
    await until(() => row("k-old")?.querySelector("dialog") === null);
    expect(document.activeElement).toBe(button("k-old", "delete-key"));
    expect(writes()).toEqual([]);
  });
});
