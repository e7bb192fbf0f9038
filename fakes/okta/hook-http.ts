/**
 * The HTTP side of Okta's event hooks (developer.okta.com/docs/concepts/event-hooks/, "Timeout and retry"): each
 * request has a 3-second timeout by default, and Okta tries once more after a timeout or an error. Redirects are not
 * followed, so a 3xx is an error answer like any other. Hooks may only call loopback URLs: the fake must never send a
 * hook's secret, or the org's events, off the machine.
 */
import { isLoopbackHost } from "./http";

export const HOOK_TIMEOUT_MS = 3000;

export interface HookRequest {
  url: string;
  method: "GET" | "POST";
  /** Header names in lower case, as sent. */
  headers: Record<string, string>;
  body?: string;
}

export interface HookAttempt {
  atMs: number;
  /** The receiver's status; 0 when there was no answer. */
  status: number;
  /** The receiver's body as text (cut at 4 KiB). */
  body: string;
  /** Why there was no usable answer at the HTTP level. */
  error?: "TIMEOUT" | "UNREACHABLE";
  message?: string;
  durationMs: number;
}

export interface HookAmbient {
  now(): number;
  fetch: typeof fetch;
}

/** Only `http:`/`https:` URLs on a loopback host (127.0.0.0/8, ::1, localhost). */
export function checkHookUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "url must be an absolute URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "url must be http or https";
  if (!isLoopbackHost(url.hostname.replace(/^\[|\]$/g, ""))) return "the fake only calls loopback URLs (127.0.0.0/8, ::1, localhost)";
  if (url.username !== "" || url.password !== "") return "url must not carry credentials";
  return undefined;
}

export async function attempt(ambient: HookAmbient, request: HookRequest, timeoutMs: number): Promise<HookAttempt> {
  const atMs = ambient.now();
  if (checkHookUrl(request.url) !== undefined) {
    // Checked at registration too; this guard stops a URL that was changed behind the registry's back.
    return { atMs, status: 0, body: "", error: "UNREACHABLE", message: "not a loopback URL", durationMs: 0 };
  }
  try {
    const response = await ambient.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.text()).slice(0, 4096);
    return { atMs, status: response.status, body, durationMs: ambient.now() - atMs };
  } catch (error) {
    const name = (error as Error).name;
    const timedOut = name === "TimeoutError" || name === "AbortError";
    return { atMs, status: 0, body: "", error: timedOut ? "TIMEOUT" : "UNREACHABLE", message: (error as Error).message, durationMs: ambient.now() - atMs };
  }
}

/** Sends, and sends once more when `retry` says the first attempt failed in a way Okta retries. */
export async function sendWithRetry(
  ambient: HookAmbient,
  request: HookRequest,
  timeoutMs: number,
  retry: (first: HookAttempt) => boolean,
): Promise<HookAttempt[]> {
  const first = await attempt(ambient, request, timeoutMs);
  if (!retry(first)) return [first];
  return [first, await attempt(ambient, request, timeoutMs)];
}
