/** fetchMetadataDocument: the size cap and the timeout. */
import { describe, expect, it } from "vitest";
import { fetchMetadataDocument } from "../../../worker/src/net/safe-fetch";
import { chunkedBody, codeOf, fakeFetch, ok, options, PUBLIC_URL, redirect } from "./safe-fetch-support";

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
