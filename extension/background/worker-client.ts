import type { z } from "zod";
import { ErrorBodySchema } from "../../shared/errors";
import { jsonOrNull } from "../../shared/json-text";
import { extensionFailure, ReplyFailure } from "./reply-failure";

/** Longer than the worker's 25 s action deadline, so the worker's own timeout answer arrives first. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface WorkerAnswer {
  status: number;
  body: unknown;
}

export interface WorkerCall {
  workerUrl: string;
  token: string | null;
  method: string;
  /** A path on the worker (`/api/…`, `/health`), already validated by the caller. */
  path: string;
  body?: unknown;
  /** What the answer should be (default JSON); the evidence pack's CSV asks for `text/csv`. */
  accept?: "application/json" | "text/csv";
  fetchImpl?: typeof fetch;
}

/** An answer as it came: its text and the headers a file download needs. */
export interface WorkerTextAnswer {
  status: number;
  text: string;
  contentType: string;
  contentDisposition: string | null;
}

/**
 * One request to the worker from the background: the only place the bearer token is put on the wire. The URL is
 * rebuilt from the saved origin and re-checked, so a path can never point the token at another host. No cookies
 * are sent (`credentials: "omit"`) and redirects are refused: the API never redirects, and following one could
 * carry the token elsewhere.
 */
export async function callWorker(call: WorkerCall): Promise<WorkerAnswer> {
  const answer = await callWorkerForText(call);
  return { status: answer.status, body: jsonOrNull(answer.text) };
}

/** {@link callWorker}, keeping the answer's text and headers (for a file such as the evidence pack). */
export async function callWorkerForText(call: WorkerCall): Promise<WorkerTextAnswer> {
  const url = new URL(call.path, call.workerUrl);
  if (url.origin !== new URL(call.workerUrl).origin) throw extensionFailure("invalid_message", "the path leaves the worker's origin");
  const headers: Record<string, string> = { accept: call.accept ?? "application/json" };
  if (call.token !== null) headers.authorization = `Bearer ${call.token}`;
  if (call.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await (call.fetchImpl ?? fetch)(url, {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      credentials: "omit",
      redirect: "error",
      cache: "no-store",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    throw extensionFailure("network_error", timedOut ? "the worker did not answer in time" : `the worker is unreachable (${url.origin})`);
  }
  return {
    status: response.status,
    text: await response.text(),
    contentType: response.headers.get("content-type") ?? "",
    contentDisposition: response.headers.get("content-disposition"),
  };
}

/**
 * A worker answer as `schema` says it must be when it succeeded; a worker error body becomes a {@link ReplyFailure}
 * carrying its code, request ID and details (Okta's `errorSummary`, `oktaRequestId`…).
 */
export function expectOk<S extends z.ZodType>(answer: WorkerAnswer, schema: S): z.infer<S> {
  if (answer.status >= 200 && answer.status < 300) {
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success) throw extensionFailure("bad_response", "the worker's answer did not have the expected shape");
    return parsed.data;
  }
  throw workerFailure(answer);
}

/** The worker's error body as a reply error; an answer without one (a proxy's HTML page) still gets a code. */
export function workerFailure(answer: WorkerAnswer): ReplyFailure {
  const parsed = ErrorBodySchema.safeParse(answer.body);
  if (parsed.success) {
    const { code, message, requestId, details } = parsed.data.error;
    return new ReplyFailure({ code, message, status: answer.status, requestId, ...(details ? { details } : {}) });
  }
  return new ReplyFailure({ code: "bad_response", message: `the worker answered ${answer.status}`, status: answer.status, requestId: null });
}
