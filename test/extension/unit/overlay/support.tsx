import { render } from "preact";
import { act } from "preact/test-utils";
import { vi } from "vitest";
import type { MessageType, Reply, RequestOf, ResponseOf } from "../../../../extension/lib/protocol";
import { Overlay } from "../../../../extension/overlay/overlay";
import type { Send } from "../../../../extension/overlay/overlay-port";
import type { UserContext } from "../../../../shared/persona";

export const ADA = "00udemoada0000000001";
/** The admin console of `adaContext()`'s Okta tenant, where the overlay offers actions. */
export const ACME_CONSOLE = "acme-admin.okta.com";
export const NOW = Date.parse("2026-11-27T12:00:00.000Z");
const ago = (hours: number) => new Date(NOW - hours * 3_600_000).toISOString();

/** A context answer as the worker gives it for an admin looking at Ada (open case, two inquiries). */
export function adaContext(overrides: Partial<UserContext> = {}): UserContext {
  return {
    userId: ADA,
    okta: {
      id: ADA,
      status: "ACTIVE",
      created: ago(9000),
      activated: ago(9000),
      statusChanged: ago(9000),
      lastLogin: ago(1),
      lastUpdated: ago(10),
      passwordChanged: null,
      profile: { login: "ada@acme.test", email: "ada@acme.test", firstName: "Ada", lastName: "Lovelace" },
      groups: [{ id: "00g1", name: "Engineering", type: "OKTA_GROUP" }],
    },
    oktaRequestId: "okta-req-1",
    oktaTenant: { credentialId: "cred_demo", orgUrl: "https://acme.okta.com", adminConsoleHost: "acme-admin.okta.com" },
    allowedActions: ["retrieve", "list_groups", "suspend", "deactivate", "reset_factors", "temporary_access_code"],
    verificationRequiredFor: [],
    persona: {
      matchedBy: "reference-id",
      account: {
        id: "act_1",
        referenceId: ADA,
        accountTypeName: null,
        status: "active",
        tags: [],
        createdAt: ago(9000),
        dashboardUrl: "https://app.withpersona.com/dashboard/accounts/act_1",
      },
      ambiguous: false,
      cases: [
        {
          id: "case_1",
          status: "Open",
          name: "KYC review – Ada Lovelace",
          resolution: null,
          assigneeId: "reviewer@acme.test",
          tags: [],
          open: true,
          createdAt: ago(50),
          updatedAt: ago(40),
          resolvedAt: null,
          dashboardUrl: "https://app.withpersona.com/dashboard/cases/case_1",
        },
      ],
      inquiries: [
        {
          id: "inq_1",
          status: "needs_review",
          referenceId: ADA,
          tags: [],
          createdAt: ago(51),
          completedAt: ago(50),
          decisionedAt: null,
          dashboardUrl: "https://app.withpersona.com/dashboard/inquiries/inq_1",
        },
      ],
      environment: "sandbox",
      fetchedAt: ago(0.01),
      cached: false,
    },
    recentAudit: [],
    ...overrides,
  };
}

type Handler = { [T in MessageType]?: (payload: RequestOf<T>) => Reply<ResponseOf<T>> | Promise<Reply<ResponseOf<T>>> };

/** A `send` answering from per-type handlers; records every message. */
export function fakeSend(handlers: Handler) {
  const sent: Array<{ type: MessageType; payload: unknown }> = [];
  const send = vi.fn(async (type: MessageType, payload: unknown) => {
    sent.push({ type, payload });
    const handler = handlers[type] as ((payload: unknown) => Reply<unknown>) | undefined;
    if (!handler) return { ok: false, error: { code: "bad_response", message: `unexpected ${type}`, status: null, requestId: null } };
    return handler(payload);
  }) as unknown as Send;
  return { send, sent };
}

export async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/**
 * A click as the admin's own input makes it. The browser alone sets `isTrusted` (an unforgeable property there, so
 * a page script cannot do this); happy-dom has no such property, so the test sets it on the event it dispatches.
 */
export function trustedClick(element: HTMLElement): void {
  const event = new MouseEvent("click", { bubbles: true, cancelable: true, composed: true });
  Object.defineProperty(event, "isTrusted", { value: true });
  element.dispatchEvent(event);
}

export async function renderOverlay(send: Send, options: { collapsed?: boolean; prefetched?: Promise<Reply<UserContext>>; consoleHost?: string } = {}) {
  const container = document.createElement("div");
  document.body.append(container);
  const onCollapsedChange = vi.fn();
  await act(() => {
    render(
      <Overlay
        userId={ADA}
        consoleHost={options.consoleHost ?? ACME_CONSOLE}
        send={send}
        collapsed={options.collapsed ?? false}
        onCollapsedChange={onCollapsedChange}
        nowMs={() => NOW}
        prefetched={options.prefetched}
      />,
      container,
    );
  });
  await flush();
  const $ = (selector: string) => container.querySelector<HTMLElement>(selector);
  const $$ = (selector: string) => [...container.querySelectorAll<HTMLElement>(selector)];
  /** The admin clicks (`trusted`, the default), or a page script calls `element.click()` (`untrusted`). */
  const click = async (selector: string, by: "trusted" | "untrusted" = "trusted") => {
    const element = $(selector);
    if (!element) throw new Error(`no ${selector}`);
    await act(() => (by === "trusted" ? trustedClick(element) : element.click()));
    await flush();
  };
  const type = async (selector: string, text: string) => {
    const input = $(selector) as HTMLInputElement | null;
    if (!input) throw new Error(`no ${selector}`);
    await act(() => {
      input.value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
  };
  return { container, $, $$, click, type, onCollapsedChange, unmount: () => render(null, container) };
}
