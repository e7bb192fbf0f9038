import { AppError } from "../../../shared/errors";

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
        response = await untilAborted(
          fetchFn(target.href, { method: "GET", redirect: "manual", headers: { Accept: METADATA_ACCEPT }, signal }),
          signal,
        );
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

/** True for hosts that always mean "this machine": 127.0.0.0/8, ::1 (also IPv4-mapped), localhost, *.localhost. */
export function isLoopbackHost(hostname: string): boolean {
  return classifyHost(hostname) === "loopback";
}

type HostClass = "public" | "loopback" | "blocked";

/** Classifies a hostname as normalised by the URL parser (IPv6 literals keep their brackets). */
function classifyHost(hostname: string): HostClass {
  if (hostname.startsWith("[") && hostname.endsWith("]")) {
    const groups = parseIpv6(hostname.slice(1, -1));
    return groups ? classifyIpv6(groups) : "blocked";
  }
  const ipv4 = parseIpv4(hostname);
  if (ipv4 !== undefined) return classifyIpv4(ipv4);

  // A trailing dot names the same host (`localhost.` is localhost).
  const name = hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
  if (name === "localhost" || name.endsWith(".localhost")) return "loopback";
  // Names reserved for local networks never reach a public IdP.
  if (LOCAL_SUFFIXES.some((suffix) => name.endsWith(suffix))) return "blocked";
  // A single label (`metadata`, `intranet`) is resolved through the search domains of a private network.
  if (name === "" || !name.includes(".")) return "blocked";
  return "public";
}

const LOCAL_SUFFIXES = [".local", ".internal", ".localdomain", ".home.arpa"];

// ---------------------------------------------------------------------------------------------------------------
// IPv4

/** Dotted decimal only: the URL parser has already rewritten every other IPv4 spelling to this form. */
function parseIpv4(host: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

const ipv4 = (a: number, b: number, c: number, d: number) => ((a * 256 + b) * 256 + c) * 256 + d;

/** [first address, prefix length, class]. Ranges from RFC 6890 (special-purpose) and RFC 5771 (multicast). */
const IPV4_RANGES: ReadonlyArray<readonly [number, number, Exclude<HostClass, "public">]> = [
  [ipv4(127, 0, 0, 0), 8, "loopback"],
  [ipv4(0, 0, 0, 0), 8, "blocked"], // "this network"; 0.0.0.0 reaches the local host on many stacks
  [ipv4(10, 0, 0, 0), 8, "blocked"], // private
  [ipv4(100, 64, 0, 0), 10, "blocked"], // carrier-grade NAT
  [ipv4(169, 254, 0, 0), 16, "blocked"], // link local, including cloud metadata services (169.254.169.254)
  [ipv4(172, 16, 0, 0), 12, "blocked"], // private
  [ipv4(192, 0, 0, 0), 24, "blocked"], // IETF protocol assignments
  [ipv4(192, 0, 2, 0), 24, "blocked"], // documentation (TEST-NET-1)
  [ipv4(192, 168, 0, 0), 16, "blocked"], // private
  [ipv4(198, 18, 0, 0), 15, "blocked"], // benchmarking
  [ipv4(198, 51, 100, 0), 24, "blocked"], // documentation (TEST-NET-2)
  [ipv4(203, 0, 113, 0), 24, "blocked"], // documentation (TEST-NET-3)
  [ipv4(224, 0, 0, 0), 4, "blocked"], // multicast
  [ipv4(240, 0, 0, 0), 4, "blocked"], // reserved, including broadcast 255.255.255.255
];

function classifyIpv4(address: number): HostClass {
  for (const [first, prefix, hostClass] of IPV4_RANGES) {
    const size = 2 ** (32 - prefix);
    if (address >= first && address < first + size) return hostClass;
  }
  return "public";
}

// ---------------------------------------------------------------------------------------------------------------
// IPv6

/** Eight 16-bit groups, or undefined. Accepts the serialisation of the URL parser (hex groups, at most one `::`). */
function parseIpv6(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined) => (part ? part.split(":") : []);
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill("0"), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  return groups.map((group) => parseInt(group, 16));
}

function classifyIpv6(groups: number[]): HostClass {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const embeddedIpv4 = g6 * 65536 + g7;
  const first96Zero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0;
  if (first96Zero) {
    if (embeddedIpv4 === 1) return "loopback"; // ::1
    return "blocked"; // :: (unspecified) and the deprecated IPv4-compatible ::a.b.c.d
  }
  // IPv4-mapped ::ffff:a.b.c.d and NAT64 64:ff9b::a.b.c.d reach an IPv4 host: apply the IPv4 rules to it.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) return classifyIpv4(embeddedIpv4);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyIpv4(embeddedIpv4);
  if ((g0 & 0xfe00) === 0xfc00) return "blocked"; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return "blocked"; // fe80::/10 link local
  if ((g0 & 0xffc0) === 0xfec0) return "blocked"; // fec0::/10 site local (deprecated, still routed by some stacks)
  if ((g0 & 0xff00) === 0xff00) return "blocked"; // ff00::/8 multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return "blocked"; // 2001:db8::/32 documentation
  return "public";
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
  const tooLarge = () =>
    new AppError("payload_too_large", `the metadata document is larger than ${maxBytes} bytes`, { maxBytes });
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
