/** Shared pieces of the safe-fetch tests (worker/src/net/safe-fetch.ts): a recording fake fetch, answers, error codes. */
import { AppError, type ErrorCode } from "../../../shared/errors";
import type { FetchMetadataOptions } from "../../../worker/src/net/safe-fetch";

export const METADATA = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>`;
export const PUBLIC_URL = "https://acme.okta.com/app/exk1/sso/saml/metadata";

interface Call {
  url: string;
  init: RequestInit | undefined;
}

type Respond = (url: string, init: RequestInit | undefined, index: number) => Response | Promise<Response>;

/** A fetch that records its calls and answers with `respond` (the worker's real fetch is never used). */
export function fakeFetch(respond: Respond) {
  const calls: Call[] = [];
  const fn = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    calls.push({ url, init });
    return Promise.resolve(respond(url, init, calls.length - 1));
  }) as typeof fetch;
  return { fn, calls };
}

export const ok = (body: BodyInit = METADATA, headers?: HeadersInit) => new Response(body, { status: 200, headers });
export const redirect = (location: string, status = 302) => new Response(null, { status, headers: { Location: location } });

export function options(fetchFn: typeof fetch, extra: Partial<FetchMetadataOptions> = {}): FetchMetadataOptions {
  return { fetch: fetchFn, allowLoopback: false, ...extra };
}

export async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | "resolved" | "not an AppError"> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }
}

export function syncCodeOf(run: () => unknown): ErrorCode | "returned" | "not an AppError" {
  try {
    run();
    return "returned";
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }
}

/** A body of `chunks` chunks of `size` bytes each, without a Content-Length; counts the chunks read. */
export function chunkedBody(chunks: number, size: number) {
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
