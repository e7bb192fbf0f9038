import { describe, expect, it } from "vitest";
import { AppError, type ErrorCode } from "../../../shared/errors";
import { assertFetchableUrl, type FetchMetadataOptions, fetchMetadataDocument, MAX_REDIRECTS, METADATA_ACCEPT } from "../../../worker/src/net/safe-fetch";

const METADATA = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>`;
const PUBLIC_URL = "https://acme.okta.com/app/exk1/sso/saml/metadata";

interface Call {
  url: string;
  init: RequestInit | undefined;
}

type Respond = (url: string, init: RequestInit | undefined, index: number) => Response | Promise<Response>;

/** A fetch that records its calls and answers with `respond` (the worker's real fetch is never used). */
function fakeFetch(respond: Respond) {
  const calls: Call[] = [];
  const fn = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    calls.push({ url, init });
    return Promise.resolve(respond(url, init, calls.length - 1));
  }) as typeof fetch;
  return { fn, calls };
}

const ok = (body: BodyInit = METADATA, headers?: HeadersInit) => new Response(body, { status: 200, headers });
const redirect = (location: string, status = 302) => new Response(null, { status, headers: { Location: location } });

function options(fetchFn: typeof fetch, extra: Partial<FetchMetadataOptions> = {}): FetchMetadataOptions {
  return { fetch: fetchFn, allowLoopback: false, ...extra };
}

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | "resolved" | "not an AppError"> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }
}

function syncCodeOf(run: () => unknown): ErrorCode | "returned" | "not an AppError" {
  try {
    run();
    return "returned";
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }
}

/** A body of `chunks` chunks of `size` bytes each, without a Content-Length; counts the chunks read. */
function chunkedBody(chunks: number, size: number) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled === chunks) return controller.close();
        state.pulled++;
        controller.enqueue(new Uint8Array(size).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  ); // nothing is pulled until someone reads
  return { stream, state };
}

describe("fetchMetadataDocument: happy path", () => {
  it("GETs an https URL with redirect: manual and the SAML metadata Accept header", async () => {
    const { fn, calls } = fakeFetch(() => ok());
    await expect(fetchMetadataDocument(PUBLIC_URL, options(fn))).resolves.toBe(METADATA);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(PUBLIC_URL);
    expect(calls[0]!.init?.redirect).toBe("manual");
    expect(calls[0]!.init?.method).toBe("GET");
    expect(new Headers(calls[0]!.init?.headers).get("accept")).toBe(METADATA_ACCEPT);
    expect(calls[0]!.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it("accepts any port on a public host", async () => {
    const { fn } = fakeFetch(() => ok());
    await expect(fetchMetadataDocument("https://idp.example.com:8443/metadata", options(fn))).resolves.toBe(METADATA);
  });

  it("decodes UTF-8 and drops a byte-order mark", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("<a>é</a>")]);
    const { fn } = fakeFetch(() => ok(bytes));
    await expect(fetchMetadataDocument(PUBLIC_URL, options(fn))).resolves.toBe("<a>é</a>");
  });

  it("refuses a body that is not UTF-8", async () => {
    const { fn } = fakeFetch(() => ok(new Uint8Array([0x3c, 0x61, 0xff, 0x3e])));
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn)))).toBe("metadata_invalid");
  });

  it.each([
    "http://127.0.0.1:8787/metadata",
    "https://127.0.0.1/metadata",
    "http://127.42.0.9/metadata",
    "http://localhost:8787/metadata",
    "http://idp.localhost:8787/metadata",
    "http://[::1]:8787/metadata",
    "http://[::ffff:127.0.0.1]/metadata",
    "http://2130706433:8787/metadata",
  ])("with allowLoopback, fetches the loopback URL %s", async (url) => {
    const { fn } = fakeFetch(() => ok());
    await expect(fetchMetadataDocument(url, options(fn, { allowLoopback: true }))).resolves.toBe(METADATA);
  });
});

describe("assertFetchableUrl: URL rules", () => {
  const rejected = (url: string, allowLoopback = false) => syncCodeOf(() => assertFetchableUrl(url, allowLoopback));

  it.each(["", "not a url", "https://", "//acme.okta.com/metadata", "https://exa mple.com/"])("refuses the unparsable URL %j", (url) =>
    expect(rejected(url)).toBe("metadata_url_rejected"),
  );

  it.each(["http://acme.okta.com/metadata", "ftp://acme.okta.com/metadata", "file:///etc/passwd", "data:,x", "ws://acme.okta.com/"])(
    "refuses the non-https URL %s",
    (url) => expect(rejected(url)).toBe("metadata_url_rejected"),
  );

  it("refuses http to a public host even with allowLoopback", () => {
    expect(rejected("http://acme.okta.com/metadata", true)).toBe("metadata_url_rejected");
  });

  it.each(["https://user:pass@acme.okta.com/metadata", "https://user@acme.okta.com/", "https://:pass@acme.okta.com/", "https://acme.okta.com@10.0.0.1/"])(
    "refuses credentials in %s",
    (url) => {
      expect(rejected(url)).toBe("metadata_url_rejected");
      expect(rejected(url, true)).toBe("metadata_url_rejected");
    },
  );

  it.each([
    ["0.0.0.0", "this network"],
    ["0.255.255.255", "this network"],
    ["10.0.0.1", "private 10/8"],
    ["10.255.255.255", "private 10/8"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["169.254.169.254", "link local / cloud metadata"],
    ["169.254.255.255", "link local"],
    ["172.16.0.1", "private 172.16/12"],
    ["172.31.255.255", "private 172.16/12"],
    ["192.0.0.8", "IETF protocol assignments"],
    ["192.0.0.255", "IETF protocol assignments"],
    ["192.0.2.1", "TEST-NET-1"],
    ["192.0.2.255", "TEST-NET-1"],
    ["192.168.1.1", "private 192.168/16"],
    ["192.168.255.255", "private 192.168/16"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["198.51.100.7", "TEST-NET-2"],
    ["198.51.100.255", "TEST-NET-2"],
    ["203.0.113.7", "TEST-NET-3"],
    ["203.0.113.255", "TEST-NET-3"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.255", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
  ])("refuses the IPv4 literal %s (%s)", (ip) => {
    expect(rejected(`https://${ip}/metadata`)).toBe("metadata_url_rejected");
    expect(rejected(`https://${ip}:8443/metadata`)).toBe("metadata_url_rejected");
  });

  it.each([
    "1.1.1.1",
    "9.255.255.255",
    "11.0.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "126.255.255.255",
    "128.0.0.0",
    "169.253.255.255",
    "169.255.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.0.1.0",
    "192.0.3.0",
    "192.167.255.255",
    "192.169.0.0",
    "198.17.255.255",
    "198.20.0.0",
    "198.51.99.255",
    "198.51.101.0",
    "203.0.112.255",
    "203.0.114.0",
    "223.255.255.255",
  ])("accepts the public IPv4 literal %s next to a reserved range", (ip) => {
    expect(rejected(`https://${ip}/metadata`)).toBe("returned");
  });

  it("relies on the URL parser to rewrite integer, hex and octal IPv4 forms to dotted decimal", () => {
    expect(new URL("https://2130706433/").hostname).toBe("127.0.0.1");
    expect(new URL("https://0x7f.1/").hostname).toBe("127.0.0.1");
    expect(new URL("https://0177.0.0.1/").hostname).toBe("127.0.0.1");
    expect(new URL("https://0xa9fea9fe/").hostname).toBe("169.254.169.254");
    expect(new URL("https://[::ffff:127.0.0.1]/").hostname).toBe("[::ffff:7f00:1]");
  });

  it.each([
    "https://2130706433/",
    "https://0x7f000001/",
    "https://0x7f.1/",
    "https://0177.0.0.1/",
    "https://127.1/",
    "https://127.0.0.1./",
    "https://0xa9fea9fe/",
    "https://0251.0376.0251.0376/",
    "https://3232235777/",
    "https://167772161/",
    "https://0/",
    "https://4294967295/",
  ])("refuses the integer/hex/octal IPv4 form %s", (url) => {
    expect(rejected(url)).toBe("metadata_url_rejected");
  });

  it.each([
    ["[::]", "unspecified"],
    ["[::1]", "loopback"],
    ["[0:0:0:0:0:0:0:1]", "loopback, long form"],
    ["[::127.0.0.1]", "IPv4-compatible"],
    ["[::a00:1]", "IPv4-compatible"],
    ["[fc00::1]", "unique local"],
    ["[fd12:3456:789a::1]", "unique local"],
    ["[fe80::1]", "link local"],
    ["[febf::1]", "link local"],
    ["[fec0::1]", "site local"],
    ["[ff02::1]", "multicast"],
    ["[2001:db8::1]", "documentation"],
    ["[::ffff:127.0.0.1]", "IPv4-mapped loopback"],
    ["[::ffff:7f00:1]", "IPv4-mapped loopback, hex"],
    ["[::ffff:10.0.0.1]", "IPv4-mapped private"],
    ["[::ffff:169.254.169.254]", "IPv4-mapped link local"],
    ["[::ffff:192.168.0.1]", "IPv4-mapped private"],
    ["[64:ff9b::169.254.169.254]", "NAT64 of link local"],
  ])("refuses the IPv6 literal %s (%s)", (host) => {
    expect(rejected(`https://${host}/metadata`)).toBe("metadata_url_rejected");
  });

  it.each(["[2606:4700:4700::1111]", "[fbff::1]", "[fe7f::1]", "[::ffff:8.8.8.8]", "[64:ff9b::808:808]"])("accepts the public IPv6 literal %s", (host) =>
    expect(rejected(`https://${host}/metadata`)).toBe("returned"),
  );

  it.each(["https://localhost/metadata", "https://LOCALHOST/metadata", "https://localhost./metadata", "https://idp.localhost/metadata"])(
    "refuses the loopback name %s without allowLoopback",
    (url) => {
      expect(rejected(url)).toBe("metadata_url_rejected");
      expect(rejected(url, true)).toBe("returned");
    },
  );

  it.each([
    "https://printer.local/metadata",
    "https://metadata.google.internal/computeMetadata/v1/",
    "https://router.home.arpa/",
    "https://box.localdomain/",
    "https://intranet/metadata",
    "https://intranet./metadata",
    "https://okta:8443/metadata",
  ])("refuses the non-public name %s, with or without allowLoopback", (url) => {
    expect(rejected(url)).toBe("metadata_url_rejected");
    expect(rejected(url, true)).toBe("metadata_url_rejected");
  });

  it.each(["https://10.0.0.1/", "https://169.254.169.254/", "https://[fd00::1]/", "http://10.0.0.1/"])("allowLoopback opens loopback only, not %s", (url) =>
    expect(rejected(url, true)).toBe("metadata_url_rejected"),
  );

  it("refuses before fetching: the fake fetch is never called", async () => {
    const { fn, calls } = fakeFetch(() => ok());
    expect(await codeOf(fetchMetadataDocument("https://169.254.169.254/latest/meta-data/", options(fn)))).toBe("metadata_url_rejected");
    expect(calls).toHaveLength(0);
  });
});

describe("fetchMetadataDocument: redirects", () => {
  it.each([301, 302, 303, 307, 308])("follows a %d to a public URL, resolving a relative Location", async (status) => {
    const { fn, calls } = fakeFetch((_url, _init, index) => (index === 0 ? redirect("/moved/metadata", status) : ok()));
    await expect(fetchMetadataDocument(PUBLIC_URL, options(fn))).resolves.toBe(METADATA);
    expect(calls.map((call) => call.url)).toEqual([PUBLIC_URL, "https://acme.okta.com/moved/metadata"]);
    expect(calls[1]!.init?.redirect).toBe("manual");
  });

  it(`follows ${MAX_REDIRECTS} redirects`, async () => {
    const { fn, calls } = fakeFetch((_url, _init, index) => (index < MAX_REDIRECTS ? redirect(`https://hop${index + 1}.example.com/metadata`) : ok()));
    await expect(fetchMetadataDocument(PUBLIC_URL, options(fn))).resolves.toBe(METADATA);
    expect(calls).toHaveLength(MAX_REDIRECTS + 1);
  });

  it(`refuses a ${MAX_REDIRECTS + 1}th redirect without fetching it`, async () => {
    const { fn, calls } = fakeFetch((_url, _init, index) => redirect(`https://hop${index + 1}.example.com/metadata`));
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn)))).toBe("metadata_fetch_failed");
    expect(calls).toHaveLength(MAX_REDIRECTS + 1);
  });

  it.each([
    "https://10.0.0.1/metadata",
    "https://169.254.169.254/latest/meta-data/",
    "https://2130706433/",
    "https://[::ffff:127.0.0.1]/",
    "https://localhost/",
    "https://intranet/",
    "http://acme.okta.com/metadata",
    "https://user:pass@acme.okta.com/metadata",
  ])("re-validates the Location %s and refuses it before fetching", async (location) => {
    const { fn, calls } = fakeFetch(() => redirect(location));
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn)))).toBe("metadata_url_rejected");
    expect(calls).toHaveLength(1);
  });

  it("refuses a redirect to loopback from a later hop too", async () => {
    const { fn, calls } = fakeFetch((_url, _init, index) =>
      index === 0 ? redirect("https://cdn.example.com/metadata") : redirect("http://127.0.0.1/metadata"),
    );
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn)))).toBe("metadata_url_rejected");
    expect(calls).toHaveLength(2);
  });

  it("with allowLoopback, still refuses a redirect from loopback to a private address", async () => {
    const { fn } = fakeFetch(() => redirect("http://192.168.0.10/metadata"));
    expect(await codeOf(fetchMetadataDocument("http://127.0.0.1:8787/m", options(fn, { allowLoopback: true })))).toBe("metadata_url_rejected");
  });

  it("fails on a redirect without Location", async () => {
    const { fn } = fakeFetch(() => new Response(null, { status: 302 }));
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn)))).toBe("metadata_fetch_failed");
  });
});

describe("fetchMetadataDocument: upstream failures", () => {
  it.each([300, 304, 400, 401, 403, 404, 500, 502, 503])("fails on HTTP %d and reports the status", async (status) => {
    const { fn } = fakeFetch(() => new Response(status === 304 ? null : "no", { status }));
    const error = await fetchMetadataDocument(PUBLIC_URL, options(fn)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("metadata_fetch_failed");
    expect((error as AppError).details).toEqual({ status });
  });

  it("fails when the fetch itself throws (DNS, TLS, connection)", async () => {
    const fn = (() => Promise.reject(new TypeError("network connection lost"))) as typeof fetch;
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn)))).toBe("metadata_fetch_failed");
  });
});

describe("fetchMetadataDocument: size cap", () => {
  const maxBytes = 1000;

  it("refuses a declared Content-Length above maxBytes without reading the body", async () => {
    const { stream, state } = chunkedBody(1, 10);
    const { fn } = fakeFetch(() => ok(stream, { "Content-Length": String(maxBytes + 1) }));
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn, { maxBytes })))).toBe("payload_too_large");
    expect(state.pulled).toBe(0);
  });

  it("refuses a streamed body past maxBytes without Content-Length, and stops reading", async () => {
    const { stream, state } = chunkedBody(100, 300);
    const { fn } = fakeFetch(() => ok(stream));
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn, { maxBytes })))).toBe("payload_too_large");
    expect(state.pulled).toBeLessThan(10);
  });

  it("counts the bytes even when Content-Length understates them", async () => {
    const { stream } = chunkedBody(5, 300);
    const { fn } = fakeFetch(() => ok(stream, { "Content-Length": "10" }));
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn, { maxBytes })))).toBe("payload_too_large");
  });

  it("refuses a body one byte over maxBytes", async () => {
    const { stream } = chunkedBody(1, maxBytes + 1);
    const { fn } = fakeFetch(() => ok(stream));
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn, { maxBytes })))).toBe("payload_too_large");
  });

  it("accepts a body of exactly maxBytes", async () => {
    const { stream } = chunkedBody(4, 250);
    const { fn } = fakeFetch(() => ok(stream));
    await expect(fetchMetadataDocument(PUBLIC_URL, options(fn, { maxBytes }))).resolves.toHaveLength(maxBytes);
  });

  it("defaults to 1 MiB", async () => {
    const { stream } = chunkedBody(17, 64 * 1024);
    const { fn } = fakeFetch(() => ok(stream));
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn)))).toBe("payload_too_large");
  });
});

describe("fetchMetadataDocument: timeout", () => {
  const timeoutMs = 50;

  it("aborts a fetch that never answers, through its signal", async () => {
    let aborted = false;
    const fn = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => {
          aborted = true;
          reject(init.signal?.reason);
        });
      })) as typeof fetch;
    const started = Date.now();
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn, { timeoutMs })))).toBe("metadata_fetch_timeout");
    expect(aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("gives up on a fetch that ignores the signal", async () => {
    const fn = (() => new Promise<Response>(() => {})) as typeof fetch;
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn, { timeoutMs })))).toBe("metadata_fetch_timeout");
  });

  it("bounds the body read too (headers arrive, the body stalls)", async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("<md:EntityDescriptor"));
      },
    });
    const { fn } = fakeFetch(() => ok(stalled));
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn, { timeoutMs })))).toBe("metadata_fetch_timeout");
  });

  it("bounds the redirect chain as a whole", async () => {
    const { fn } = fakeFetch(async (_url, _init, index) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return redirect(`https://hop${index + 1}.example.com/metadata`);
    });
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn, { timeoutMs })))).toBe("metadata_fetch_timeout");
  });
});
