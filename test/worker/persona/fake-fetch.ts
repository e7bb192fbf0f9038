import { RateLimitBook } from "../../../worker/src/net/rate-limit-book";
import type { PersonaAmbient, PersonaConnection } from "../../../worker/src/persona/client";

/** One request the code under test sent, as the fake `fetch` saw it. */
export type SeenRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  rawQuery: string;
  headers: Headers;
  body: unknown;
  redirect: RequestRedirect | undefined;
};

type Answer = { status?: number; body?: unknown; headers?: Record<string, string> } | "hang";
type Route = (request: SeenRequest) => Answer | undefined;

/**
 * A `fetch` for unit tests of the Persona client: each request goes to the first route that answers it (404
 * otherwise) and is recorded. "hang" waits until the caller aborts, like a server that never answers.
 */
export function fakePersona(routes: Route[]) {
  const seen: SeenRequest[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const text = typeof init?.body === "string" ? init.body : null;
    const request: SeenRequest = {
      method: init?.method ?? "GET",
      path: url.pathname.replace(/^\/api\/v1/, ""),
      query: url.searchParams,
      rawQuery: url.search,
      headers: new Headers(init?.headers),
      body: text === null ? null : JSON.parse(text),
      redirect: init?.redirect,
    };
    seen.push(request);
    const answer = routes.map((route) => route(request)).find((value) => value !== undefined) ?? {
      status: 404,
      body: { errors: [{ title: "Record not found" }] },
    };
    if (answer === "hang") {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(new Error("aborted"))));
    }
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { "content-type": "application/json", ...answer.headers },
    });
  }) as typeof fetch;
  const ambient: PersonaAmbient = { fetch: fetchFn, nowMs: Date.now, attemptTimeoutMs: 300, rateLimits: new RateLimitBook() };
  return { seen, ambient };
}

let counter = 0;
/** A connection of its own per test: the rate-limit book is per organization and per isolate. */
export function connection(): PersonaConnection {
  return {
    orgId: `unit-${Date.now().toString(36)}-${counter++}`,
    baseUrl: "https://persona.test/api/v1",
    apiKey: "persona_sandbox_unit_key_0123456789",
    environment: "sandbox",
  };
}

export const resource = (type: string, id: string, attributes: Record<string, unknown>) => ({ type, id, attributes, relationships: {} });
export const list = (...data: unknown[]) => ({ data, links: { prev: null, next: null } });

/** Answers `GET path` when every given query parameter matches. */
export function onGet(path: string, query: Record<string, string>, answer: Answer): Route {
  return (request) =>
    request.method === "GET" && request.path === path && Object.entries(query).every(([key, value]) => request.query.get(key) === value) ? answer : undefined;
}

export function onPost(path: string, answer: Answer): Route {
  return (request) => (request.method === "POST" && request.path === path ? answer : undefined);
}
