import { browser } from "wxt/browser";
import type { MessageType, Reply, RequestOf, ResponseOf } from "./protocol";

/**
 * Sends one protocol message to the background and returns its reply. Type-only imports of the protocol keep zod
 * out of the content script; the background validates every request, and every reply it sends was validated by it.
 */
export async function send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<Reply<ResponseOf<T>>> {
  try {
    const reply: unknown = await browser.runtime.sendMessage({ type, payload });
    if (typeof reply === "object" && reply !== null && "ok" in reply) return reply as Reply<ResponseOf<T>>;
    return failure("bad_response", "the extension's background gave no answer");
  } catch (error) {
    // The background was restarting, or the extension was reloaded under an open page.
    return failure("network_error", error instanceof Error ? error.message : "the extension's background is unreachable");
  }
}

function failure(code: string, message: string): { ok: false; error: { code: string; message: string; status: null; requestId: null } } {
  return { ok: false, error: { code, message, status: null, requestId: null } };
}
