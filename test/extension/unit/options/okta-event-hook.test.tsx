/** Options page: Okta's event hook (the URL and header to paste, the secret generated here, shown once, then saved). */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { OktaEventHookSection } from "../../../../extension/options/okta-event-hook";
import { generateSecret, SECRET_BYTES } from "../../../../extension/options/secret";
import { oktaHook } from "./fixtures";
import { $, apiCalls, backend, container, session, setUpPage, until } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

const PATH = "/api/orgs/acme/okta/event-hook";
const click = (poc: string) => $<HTMLButtonElement>(`button[data-poc="${poc}"]`)!.click();

describe("options page: Okta event hook", () => {
  it("shows what to paste into Okta, generates a secret shown once, and saves exactly it", async () => {
    backend(session("admin"), {
      [`GET ${PATH}`]: { status: 200, body: oktaHook(0) },
      [`PUT ${PATH}`]: (call) => ({ status: 200, body: oktaHook((call.body as { secrets: string[] }).secrets.length) }),
    });
    render(<OktaEventHookSection orgId="acme" />, container);
    expect((await until(() => $('[data-poc="hook-url"]'))).textContent).toBe("https://companion.example.com/acme/hooks/okta");
    expect($('[data-poc="hook-header"]')!.textContent).toBe("Authorization");
    expect($('[data-poc="hook-event-types"]')!.textContent).toContain("user.lifecycle.suspend");
    expect($<HTMLButtonElement>('button[data-poc="save-hook-secret"]')!.disabled).toBe(true);

    click("generate-hook-secret");
    const secret = (await until(() => $('[data-poc="hook-secret-value"]'))).textContent!;
    expect(secret.length).toBeGreaterThanOrEqual(24);
    click("save-hook-secret");
    await until(() => $('[data-poc="hook-status"]')?.textContent?.includes("Secret set (1"));
    expect(apiCalls.find((call) => call.method === "PUT")).toEqual({ method: "PUT", path: PATH, body: { secrets: [secret] } });
    // Still shown after saving, so it can be pasted into Okta; gone once dismissed, and never read back.
    expect($('[data-poc="hook-secret-value"]')!.textContent).toBe(secret);
    click("dismiss-hook-secret");
    await until(() => $('[data-poc="hook-secret-value"]') === null);
    expect(container.textContent).not.toContain(secret);
  });

  it("keeps the current secret accepted during a rotation: old first, new second", async () => {
    backend(session("admin"), {
      [`GET ${PATH}`]: { status: 200, body: oktaHook(1) },
      [`PUT ${PATH}`]: { status: 200, body: oktaHook(2) },
    });
    render(<OktaEventHookSection orgId="acme" />, container);
    (await until(() => $<HTMLButtonElement>('button[data-poc="generate-hook-secret"]'))).click();
    const secret = (await until(() => $('[data-poc="hook-secret-value"]'))).textContent!;
    const current = $<HTMLInputElement>('input[name="current"]')!;
    current.value = "the-current-secret-of-24-chars";
    click("save-hook-secret");
    await until(() => $('[data-poc="hook-status"]')?.textContent?.includes("rotation"));
    expect(apiCalls.find((call) => call.method === "PUT")!.body).toEqual({ secrets: ["the-current-secret-of-24-chars", secret] });
    expect(current.value).toBe("");
  });

  it("refuses a current secret shorter than Okta's 24 characters without sending anything", async () => {
    backend(session("admin"), { [`GET ${PATH}`]: { status: 200, body: oktaHook(1) } });
    render(<OktaEventHookSection orgId="acme" />, container);
    (await until(() => $<HTMLButtonElement>('button[data-poc="generate-hook-secret"]'))).click();
    await until(() => $('[data-poc="hook-secret-value"]'));
    $<HTMLInputElement>('input[name="current"]')!.value = "short";
    click("save-hook-secret");
    await until(() => $('[data-poc="okta-event-hook"] [data-poc="announce"]')?.textContent?.includes("24 to 512"));
    expect(apiCalls.filter((call) => call.method === "PUT")).toEqual([]);
  });
});

describe("generateSecret", () => {
  it("is base64url of 32 bytes from the random source: 43 characters, nothing to escape", () => {
    const secret = generateSecret((bytes) => bytes.fill(0xfb));
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secret).toBe(
      btoa(String.fromCharCode(...new Uint8Array(SECRET_BYTES).fill(0xfb)))
        .replace(/\+/g, "-")
        .replace(/\//g, "_")
        .replace(/=+$/, ""),
    );
  });

  it("differs between calls with the browser's CSPRNG", () => {
    expect(generateSecret()).not.toBe(generateSecret());
  });

  it("refuses a random source that gives the wrong number of bytes", () => {
    expect(() => generateSecret(() => new Uint8Array(4))).toThrow(/4 bytes/);
  });
});
