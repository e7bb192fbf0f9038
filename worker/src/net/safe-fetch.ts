import { AppError } from "../../../shared/errors";
import { classifyHost } from "./host-class";

export { isLoopbackHost } from "./host-class";

/**
 * "Get metadata": fetch an IdP metadata document from a URL an org admin typed, without letting that URL reach
 * what the worker can reach and the admin should not (SSRF).
 *
 * Workers cannot resolve DNS before fetching, so a public name that resolves to a private address cannot be
 * caught here. Cloudflare's edge does not route `fetch` to private networks, which is the platform's own
 * protection; these checks stop the obvious cases: IP literals in private or reserved ranges (in every spelling
 * the URL parser accepts), names that are never public (`localhost`, `*.local`, `*.internal`, single labels),
 * credentials in the URL, plain http, redirects to any of these, and the loopback switch used in local
 * development (`allowLoopback`, never on in production).
 */

export const METADATA_ACCEPT = "application/samlmetadata+xml, application/xml, text/xml";
export const DEFAULT_TIMEOUT_MS = 8_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;
/** Redirects followed before giving up; each hop is validated like the first URL. */
export const MAX_REDIRECTS = 3;

export interface FetchMetadataOptions {
  /** The fetch to use (the global one in production, a fake in unit tests). */
  fetch: typeof fetch;
  /** Local development only: allow loopback hosts, over http too. */
  allowLoopback: boolean;
  /** Bounds the whole operation: every request, every redirect and the body read. */
  timeoutMs?: number;
  /** Largest body accepted, in bytes. */
  maxBytes?: number;
}

/**
 * Fetches the metadata document at `url` and returns it decoded as UTF-8.
 *
 * Errors: `metadata_url_rejected` (the URL or a redirect target breaks the rules of {@link assertFetchableUrl}),
 * `metadata_fetch_failed` (network error, non-2xx status, too many redirects, redirect without Location),
 * `metadata_fetch_timeout`, `payload_too_large` (the body exceeds `maxBytes`), `metadata_invalid` (not UTF-8).
 */
export async function fetchMetadataDocument(url: string, options: FetchMetadataOptions): Promise<string> {
  const { fetch: fetchFn, allowLoopback, timeoutMs = DEFAULT_TIMEOUT_MS, maxBytes = DEFAULT_MAX_BYTES } = options;
  let target = assertFetchableUrl(url, allowLoopback);

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutSignal()), timeoutMs);
  const { signal } = controller;
  try {
    for (let redirects = 0; ; redirects++) {
      let response: Response;
      try {
        // redirect: "manual" so that every hop goes through assertFetchableUrl: an automatic redirect would let a
        // public URL bounce the worker to http://169.254.169.254/ or http://localhost/.
        response = await untilAborted(fetchFn(target.href, { method: "GET", redirect: "manual", headers: { Accept: METADATA_ACCEPT }, signal }), signal);
      } catch (error) {
        throw fetchError(error, signal, "the metadata URL could not be fetched");
      }

      if (REDIRECT_STATUSES.has(response.status)) {
        discard(response);
        if (redirects >= MAX_REDIRECTS) {
          throw new AppError("metadata_fetch_failed", `more than ${MAX_REDIRECTS} redirects`, {
            maxRedirects: MAX_REDIRECTS,
          });
        }
        const location = response.headers.get("location");
        if (!location) {
          throw new AppError("metadata_fetch_failed", "redirect without a Location header", {
            status: response.status,
          });
        }
        let next: URL;
        try {
          next = new URL(location, target);
        } catch {
          throw new AppError("metadata_url_rejected", "redirect to an invalid URL", { redirect: redirects + 1 });
        }
        target = assertFetchableUrl(next.href, allowLoopback, redirects + 1);
        continue;
      }

      if (!response.ok) {
        discard(response);
        throw new AppError("metadata_fetch_failed", `the metadata URL answered HTTP ${response.status}`, {
          status: response.status,
        });
      }
      return await readUtf8Body(response, maxBytes, signal);
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Returns the parsed URL when the worker may fetch it, else throws `metadata_url_rejected`.
 *
 * Relies on the WHATWG URL parser having normalised the host: for http(s) it lower-cases names and rewrites
 * every IPv4 spelling (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`) to dotted decimal and every IPv6 literal
 * (including `::ffff:127.0.0.1`) to its compressed hex form, so the checks below only see canonical forms.
 */
export function assertFetchableUrl(raw: string, allowLoopback: boolean, redirect?: number): URL {
  const reject = (message: string): never => {
    throw new AppError(
      "metadata_url_rejected",
      redirect === undefined ? message : `redirect ${redirect}: ${message}`,
      redirect === undefined ? undefined : { redirect },
    );
  };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return reject("not a valid URL");
  }
  // Credentials in the URL would be sent to whoever answers, and `https://okta.com@evil.example/` misleads readers.
  if (url.username !== "" || url.password !== "") reject("the URL must not contain a user name or password");

  const hostClass = classifyHost(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowLoopback && hostClass === "loopback")) {
    // Plain http can be rewritten on the way: the certificates pinned from this document are the SP's trust root.
    reject(allowLoopback ? "the URL must use https (http only for a loopback host)" : "the URL must use https");
  }
  if (hostClass === "loopback" && !allowLoopback) reject("loopback hosts are not allowed");
  if (hostClass === "blocked") reject(`the host ${url.hostname} is private, reserved or not a public name`);
  return url;
}

// ---------------------------------------------------------------------------------------------------------------
// Response handling

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Abort reason of our own timer, told apart from any other abort or network failure. */
class TimeoutSignal extends Error {
  override readonly name = "TimeoutSignal";
}

/** Rejects as soon as `signal` aborts, even when the wrapped promise ignores the signal. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function fetchError(error: unknown, signal: AbortSignal, message: string): AppError {
  if (error instanceof AppError) return error;
  if (signal.aborted && signal.reason instanceof TimeoutSignal) {
    return new AppError("metadata_fetch_timeout", "the metadata URL did not answer in time");
  }
  return new AppError("metadata_fetch_failed", message);
}

/** Releases a body we will not read, without waiting for it (the connection is not ours to keep open). */
function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

/**
 * Reads at most `maxBytes`: a declared Content-Length above the cap is refused before reading, and the stream is
 * counted as it arrives, since the header may be absent or wrong (chunked encoding, compression).
 * An oversized document is `payload_too_large` (the same code as an oversized pasted document).
 */
async function readUtf8Body(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const tooLarge = () => new AppError("payload_too_large", `the metadata document is larger than ${maxBytes} bytes`, { maxBytes });
  const declared = response.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > maxBytes) {
    discard(response);
    throw tooLarge();
  }
  if (!response.body) return "";

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await untilAborted(reader.read(), signal);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw fetchError(error, signal, "the metadata document could not be read");
  }

  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("metadata_invalid", "the metadata document is not valid UTF-8");
  }
}
