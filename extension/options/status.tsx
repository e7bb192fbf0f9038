import type { ComponentChildren } from "preact";
import { useCallback, useState } from "preact/hooks";
import type { Reply, ReplyError } from "../lib/protocol";

/**
 * The states every section shows distinctly (loading, empty, error) and the polite live region that announces
 * the result of each action. Text only.
 */

export function Loading({ what }: { what: string }) {
  return (
    <p data-poc="loading" aria-busy="true">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p data-poc="empty">{children}</p>;
}

export function ErrorNote({ error }: { error: ReplyError }) {
  return (
    <p data-poc="error" role="alert" class="error">
      {describeError(error)}
    </p>
  );
}

/**
 * `code: message`, then when to retry if the worker says, and what helps someone find the failure in a log: the
 * HTTP status, the worker's request ID, and Okta's own summary and request ID when Okta refused.
 */
export function describeError(error: ReplyError): string {
  const parts = [`${error.code}: ${error.message}`];
  const details = error.details ?? {};
  if (typeof details.errorSummary === "string") parts.push(`Okta: ${details.errorSummary}`);
  if (typeof details.title === "string") parts.push(`Persona: ${details.title}`);
  // The worker's grace periods (key rotation) say when the same request will be accepted.
  if (typeof details.retryAfterSeconds === "number") parts.push(`try again in ${details.retryAfterSeconds} s`);
  if (error.status !== null) parts.push(`HTTP ${error.status}`);
  if (error.requestId !== null) parts.push(`request ${error.requestId}`);
  const oktaRequestId = details.oktaRequestId ?? details["X-Okta-Request-Id"];
  if (typeof oktaRequestId === "string") parts.push(`Okta request ${oktaRequestId}`);
  return parts.join(" · ");
}

export type Announcement = { tone: "ok" | "error"; text: string };

/** Always in the DOM, so screen readers hear it when its text changes. */
export function Announce({ message }: { message: Announcement | null }) {
  return (
    <p data-poc="announce" aria-live="polite" role="status" class={message?.tone === "error" ? "announce error" : "announce"} data-tone={message?.tone ?? ""}>
      {message?.text ?? ""}
    </p>
  );
}

/**
 * One action at a time per section: `busy` names the running one (its button is disabled), and the outcome is
 * announced: `onOk`'s text, or the error with its code (a thrown error too: `busy` is always cleared).
 */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Announcement | null>(null);
  const run = useCallback(async <T,>(name: string, action: () => Promise<Reply<T>>, onOk: (data: T) => string): Promise<boolean> => {
    setBusy(name);
    try {
      const reply = await action();
      setMessage(reply.ok ? { tone: "ok", text: onOk(reply.data) } : { tone: "error", text: describeError(reply.error) });
      return reply.ok;
    } catch (error) {
      // A bug or a closed background must still end the action with words, not a silent stop.
      setMessage({ tone: "error", text: `internal_error: ${error instanceof Error ? error.message : String(error)}` });
      return false;
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, message, setMessage, run };
}
