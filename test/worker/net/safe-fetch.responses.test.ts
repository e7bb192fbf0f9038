/** fetchMetadataDocument: what it sends, what it accepts, and upstream failures. */
import { describe, expect, it } from "vitest";
import { AppError } from "../../../shared/errors";
import { fetchMetadataDocument, METADATA_ACCEPT } from "../../../worker/src/net/safe-fetch";
import { codeOf, fakeFetch, METADATA, ok, options, PUBLIC_URL } from "./safe-fetch-support";

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
