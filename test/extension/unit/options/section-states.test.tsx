/** Options page: a section's loading, empty and error states. */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import type { send } from "../../../../extension/lib/messages";
import { AuditSection } from "../../../../extension/options/audit-section";
import { CredentialsSection } from "../../../../extension/options/credentials-section";
import { $, type Answer, backend, container, sendMock, session, setUpPage, until, workerError } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

describe("options page: loading, empty and error states", () => {
  it("shows loading, then the worker's error code and message", async () => {
    let answer!: (value: Answer) => void;
    const pending = new Promise<Answer>((resolve) => (answer = resolve));
    sendMock.mockImplementation((async () => ({ ok: true, data: await pending })) as typeof send);
    render(<AuditSection orgId="acme" />, container);
    await until(() => $('section[data-section="audit"] [data-poc="loading"]'));
    answer({ status: 403, body: workerError("forbidden", "this needs the operator role") });
    const error = await until(() => $('section[data-section="audit"] [data-poc="error"]'));
    expect(error.textContent).toContain("forbidden: this needs the operator role");
    expect(error.textContent).toContain("HTTP 403");
    expect(error.textContent).toContain("req-42");
    expect($('section[data-section="audit"] [data-poc="loading"]')).toBeNull();
  });

  it("shows the extension's own failure (no session) with its code", async () => {
    sendMock.mockResolvedValue({ ok: false, error: { code: "session_expired", message: "sign in again", status: null, requestId: null } });
    render(<CredentialsSection orgId="acme" />, container);
    const error = await until(() => $('section[data-section="credentials"] [data-poc="error"]'));
    expect(error.textContent).toContain("session_expired");
  });

  it("treats an answer of the wrong shape as bad_response", async () => {
    backend(session("admin"), { "GET /api/orgs/acme/credentials": { status: 200, body: { credentials: [{ id: 1 }] } } });
    render(<CredentialsSection orgId="acme" />, container);
    const error = await until(() => $('section[data-section="credentials"] [data-poc="error"]'));
    expect(error.textContent).toContain("bad_response");
  });

  it("shows the empty state distinctly", async () => {
    backend(session("admin"), { "GET /api/orgs/acme/credentials": { status: 200, body: { credentials: [] } } });
    render(<CredentialsSection orgId="acme" />, container);
    await until(() => $('section[data-section="credentials"] [data-poc="empty"]'));
    expect($('section[data-section="credentials"] [data-poc="error"]')).toBeNull();
    expect($('table[data-poc="credentials"]')).toBeNull();
  });
});
