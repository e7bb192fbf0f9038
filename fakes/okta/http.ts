/** The small HTTP layer the fake's handlers share: a response value, body reading, and sending. */
import type { IncomingMessage, ServerResponse } from "node:http";

/** What a handler returns; the server adds the common headers (request id, rate limits) and writes it. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  /** A JSON value (serialized with `application/json`), or a string sent as is with `contentType`. */
  body?: unknown;
  contentType?: string;
  /** Not from Okta itself (e.g. a gateway's 502 page): sent without Okta's request-id and rate-limit headers. */
  bare?: boolean;
}

export const MAX_BODY_BYTES = 256 * 1024;

export class BodyTooLargeError extends Error {}

/** Reads the whole request body (bounded), as text. */
export async function readText(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new BodyTooLargeError(`request body larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function send(res: ServerResponse, response: FakeResponse): void {
  const headers: Record<string, string | string[]> = { ...response.headers };
  let payload = "";
  if (typeof response.body === "string") {
    payload = response.body;
    headers["content-type"] ??= response.contentType ?? "text/plain; charset=utf-8";
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers["content-type"] ??= response.contentType ?? "application/json";
  } else {
    headers["content-type"] ??= response.contentType ?? "application/json";
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** The first value of a request header (Node joins or arrays some of them). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Every raw occurrence of a header, e.g. to reject two `DPoP` headers. */
export function headerValues(req: IncomingMessage, name: string): string[] {
  const lower = name.toLowerCase();
  const values: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() === lower) values.push(req.rawHeaders[i + 1]!);
  }
  return values;
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === "::1" || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
