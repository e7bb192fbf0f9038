/** Small HTTP helpers for the Okta proxy bench: JSON calls and wall-clock-timed requests from Node. */

export type Timed = { ms: number; status: number; body: unknown };

function parse(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * One request, timed from just before `fetch` to the last byte of the body (Node's clock, sub-millisecond): the
 * latency a client of the worker or of Okta sees. The body is parsed after the clock stops.
 */
export async function timed(url: string, init: RequestInit = {}): Promise<Timed> {
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(
      `${init.method ?? "GET"} ${url} failed after ${(performance.now() - started).toFixed(1)} ms: ${cause?.code ?? cause?.message ?? String(error)}`,
      { cause: error },
    );
  }
  const text = await response.text();
  const ms = performance.now() - started;
  return { ms, status: response.status, body: parse(text) };
}

/** A JSON call that must answer `expected`; throws with the body otherwise. */
export async function call<T>(url: string, init: { method?: string; headers?: Record<string, string>; json?: unknown } = {}, expected = 200): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? (init.json === undefined ? "GET" : "POST"),
    headers: { ...(init.json === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const body = parse(await response.text());
  if (response.status !== expected) {
    throw new Error(`${init.method ?? "GET"} ${url} answered ${response.status} (expected ${expected}): ${JSON.stringify(body)}`);
  }
  return body as T;
}
