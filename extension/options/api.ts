import { z } from "zod";
import { ErrorBodySchema } from "../../shared/errors";
import { send } from "../lib/messages";
import type { ApiCall, Reply, ReplyError } from "../lib/protocol";

/**
 * The options page's one way to the worker: `api.call` through the background (which adds the bearer token), the
 * answer parsed with the shared schema of the route, and a worker error body turned into the same ReplyError the
 * extension's own failures use, so every section shows every failure the same way (code, message, request ID).
 */
export async function apiCall<S extends z.ZodType>(method: ApiCall["method"], path: string, schema: S, body?: unknown): Promise<Reply<z.output<S>>> {
  const reply = await send("api.call", body === undefined ? { method, path } : { method, path, body });
  if (!reply.ok) return reply;
  const { status, body: answer } = reply.data;
  if (status >= 200 && status < 300) {
    // A 204 carries no body; whatever the background passes for it (null or undefined) reads as null.
    const parsed = schema.safeParse(status === 204 ? null : answer);
    if (parsed.success) return { ok: true, data: parsed.data };
    return failure({ code: "bad_response", message: `the worker's answer to ${method} ${path} is not what this page expects`, status, requestId: null });
  }
  return failure(workerError(status, answer));
}

/** DELETE answers: 204, no body (`apiCall` reads it as null). */
export const NoContentSchema = z.unknown();

/** A worker error body as a ReplyError; an answer without one still names its status. */
export function workerError(status: number, body: unknown): ReplyError {
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return { code: "bad_response", message: `the worker answered HTTP ${status} without an error body`, status, requestId: null };
  const { code, message, requestId, details } = parsed.data.error;
  return details === undefined ? { code, message, status, requestId } : { code, message, status, requestId, details };
}

/**
 * `/api/orgs/{org}/…` with every segment percent-encoded, including the characters encodeURIComponent keeps but
 * the protocol's ApiPathSchema refuses (`!'()*`).
 */
export function orgPath(orgId: string, ...segments: string[]): string {
  return ["/api/orgs", orgId, ...segments].map((segment, index) => (index === 0 ? segment : encodeSegment(segment))).join("/");
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function failure(error: ReplyError): { ok: false; error: ReplyError } {
  return { ok: false, error };
}
