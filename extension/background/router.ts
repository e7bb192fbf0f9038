import { isAdminConsole } from "../lib/okta-page";
import { EnvelopeSchema, MESSAGES, type MessageType, type Reply } from "../lib/protocol";
import type { BackgroundDeps } from "./handlers";
import { handlers } from "./handlers";
import { ReplyFailure } from "./reply-failure";

/** The parts of `runtime.MessageSender` the router reads. */
export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: unknown;
}

/**
 * Who sent a message: one of the extension's own pages, our content script on an Okta admin console page (top
 * frame only, where the manifest runs it), or nobody we answer. Another extension's message (`id` differs) and
 * anything else is refused.
 */
export function senderKind(sender: Sender, extensionId: string, extensionOrigin: string): "page" | "content" | null {
  if (sender.id !== extensionId || sender.url === undefined) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  // Firefox's page origin is a per-install UUID, not the ID: compare with our own origin on both browsers.
  // (`protocol//host`, not `URL.origin`, which is "null" for these schemes outside the browser itself.)
  if (url.protocol === "chrome-extension:" || url.protocol === "moz-extension:") return `${url.protocol}//${url.host}` === extensionOrigin ? "page" : null;
  if (sender.tab !== undefined && (sender.frameId === undefined || sender.frameId === 0) && isAdminConsole(url)) return "content";
  return null;
}

/**
 * Validates and answers one message: the sender, the envelope, the payload (each with the protocol's schema), then
 * runs the handler. Never throws: every failure becomes `{ ok: false, error }` with a stable code.
 */
export async function route(message: unknown, sender: Sender, deps: BackgroundDeps): Promise<Reply<unknown>> {
  const kind = senderKind(sender, deps.extensionId, deps.extensionOrigin);
  if (kind === null) return refusal("sender_refused", "messages are answered only for this extension's pages and its Okta console script");
  const envelope = EnvelopeSchema.safeParse(message);
  if (!envelope.success) return refusal("invalid_message", "not a message of this extension's protocol");
  const type: MessageType = envelope.data.type;
  const spec = MESSAGES[type];
  if (spec.from === "page" && kind !== "page") return refusal("sender_refused", `${type} is answered only for the extension's own pages`);
  const payload = spec.request.safeParse(envelope.data.payload ?? {});
  if (!payload.success) return refusal("invalid_message", payload.error.issues[0]?.message ?? "invalid payload");
  try {
    const handler = handlers[type] as (payload: unknown, deps: BackgroundDeps) => Promise<unknown>;
    return { ok: true, data: await handler(payload.data, deps) };
  } catch (error) {
    if (error instanceof ReplyFailure) return { ok: false, error: error.error };
    return refusal("bad_response", error instanceof Error ? error.message : "the background failed");
  }
}

function refusal(code: string, message: string): Reply<never> {
  return { ok: false, error: { code, message, status: null, requestId: null } };
}
