/**
 * A fake Persona API server for worker tests, `npm run dev` and benchmarks: the accounts, cases and inquiries
 * operations the worker uses, behaving as docs/persona.md describes — JSON:API documents, cursor pagination, filters,
 * search (with its lag), tag actions with Persona's idempotency layer, its error envelope, per-environment rate
 * limits and their headers — plus a webhook sender that signs deliveries as Persona does. One server hosts many
 * isolated environments (`POST /__fake/envs`), each under `<url>/e/<envId>/api/v1`; see README.md.
 *
 * Loopback only: the control API has no authentication.
 *
 * @example
 * const persona = await startFakePersona({ port: 0 });
 * const { baseUrl, apiKey } = await persona.createEnv(); // or POST ${persona.url}/__fake/envs
 * // … seed accounts and cases, point the worker at baseUrl with apiKey …
 * await persona.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BodyTooLargeError, type FakeResponse, header, isLoopbackAddress, isLoopbackHost, readText, send } from "../okta/http";
import { handleApiRequest } from "./api-request";
import { ControlError, type ControlHost, handleControl } from "./control-api";
import { Env } from "./env";
import { P } from "./errors";
import { hostedFlowResponse } from "./hosted-flow";
import { newEnvId } from "./ids";
import { SinkStore } from "./sinks";

export interface FakePersonaOptions {
  /** Loopback only (127.0.0.0/8, ::1, localhost). Defaults to 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Receives one line per request (e.g. `console.log`); silent by default. */
  log?: (line: string) => void;
}

export interface FakePersona {
  /** Origin of the server, e.g. `http://127.0.0.1:8791`. */
  readonly url: string;
  /** Base of the control API: `${url}/__fake`. */
  readonly controlUrl: string;
  /** In-process equivalent of `POST /__fake/envs` (without options). */
  createEnv(input?: { id?: string; apiKey?: string }): Promise<{ envId: string; baseUrl: string; apiKey: string }>;
  /** In-process access to an environment's state (the CLI's demo seeding, benchmarks). */
  env(id: string): Env | undefined;
  close(): Promise<void>;
}

const ENV_PATH = /^\/e\/([a-z0-9-]+)\/api\/v1(\/[^?]*)?$/;
/** One-time links (one-time-links.ts) live beside the API, under the environment. */
const LINK_PATH = /^\/e\/([a-z0-9-]+)(\/verify|\/l\/[^/]+)$/;

export async function startFakePersona(options: FakePersonaOptions = {}): Promise<FakePersona> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackHost(host)) throw new TypeError(`startFakePersona: host must be a loopback address, not ${host}`);
  const log = options.log ?? (() => {});
  const now = () => Date.now();
  const envs = new Map<string, Env>();
  const sinks = new SinkStore();
  let origin = "";

  const controlHost: ControlHost = {
    envs,
    sinks,
    now,
    fetch: (input, init) => fetch(input, init),
    createEnv({ id }) {
      const envId = id ?? newEnvId();
      const basePath = `/e/${envId}/api/v1`;
      const env = new Env(envId, `${origin}${basePath}`, basePath);
      envs.set(envId, env);
      return env;
    },
  };

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = now();
    const rawUrl = req.url ?? "/";
    const queryAt = rawUrl.indexOf("?");
    const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const search = queryAt < 0 ? "" : rawUrl.slice(queryAt + 1);
    const method = req.method ?? "GET";
    res.once("finish", () => log(`${method} ${rawPath} ${res.statusCode} ${now() - started}ms`));
    try {
      if (rawPath === "/__fake" || rawPath.startsWith("/__fake/")) return await control(req, res, method, rawPath);
      const link = method === "GET" ? LINK_PATH.exec(rawPath) : null;
      const linkEnv = link ? envs.get(link[1]!) : undefined;
      const flow = linkEnv && hostedFlowResponse(linkEnv, link![2]!, new URLSearchParams(search), now());
      if (flow) return send(res, flow);
      const match = ENV_PATH.exec(rawPath);
      const env = match ? envs.get(match[1]!) : undefined;
      if (!env) return send(res, P.routeNotFound().toResponse());
      return await envRequest(env, req, res, method, match![2] ?? "", search);
    } catch (error) {
      console.error("[fake-persona] internal error:", error);
      if (!res.headersSent) send(res, P.internal().toResponse());
      else res.end();
    }
  }

  async function envRequest(env: Env, req: IncomingMessage, res: ServerResponse, method: string, path: string, search: string): Promise<void> {
    let rawBody: string;
    try {
      rawBody = await readText(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return send(res, { ...P.badRequest("the request body is too large").toResponse(), status: 413 });
    }
    const outcome = handleApiRequest(
      env,
      { method, path, linkPath: `${env.basePath}${path}`, query: new URLSearchParams(search), headers: req.headers, rawBody },
      now(),
    );
    if (outcome.kind === "hang") {
      res.socket?.setTimeout(0); // never answered; the socket is destroyed when the client gives up or the server closes
      return;
    }
    send(res, outcome.response);
  }

  async function control(req: IncomingMessage, res: ServerResponse, method: string, rawPath: string): Promise<void> {
    // The control API is for local tests only: refuse other hosts and cross-site browser requests.
    const requestOrigin = header(req, "origin");
    if (!isLoopbackAddress(req.socket.remoteAddress) || (requestOrigin !== undefined && !isLoopbackOrigin(requestOrigin))) {
      return send(res, { status: 403, body: { error: "the control API answers loopback clients only" } });
    }
    let text: string;
    try {
      text = await readText(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return send(res, { status: 413, body: { error: "the body is too large" } });
    }
    const sinkDelivery = /^\/__fake\/sinks\/([^/]+)$/.exec(rawPath);
    if (sinkDelivery && method === "POST") return send(res, receive(decodeURIComponent(sinkDelivery[1]!), req, text));
    let body: unknown;
    try {
      body = text.trim() === "" ? undefined : JSON.parse(text);
    } catch {
      return send(res, { status: 400, body: { error: "the body must be JSON" } });
    }
    try {
      send(res, await handleControl(controlHost, method, rawPath, body));
    } catch (error) {
      if (!(error instanceof ControlError)) throw error;
      send(res, { status: error.status, body: { error: error.message } });
    }
  }

  function receive(name: string, req: IncomingMessage, rawBody: string): FakeResponse {
    const sink = sinks.get(name);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(", ") : value;
    sink.requests.push({ atMs: now(), method: req.method ?? "POST", headers, body: rawBody });
    return { status: sink.status, body: sink.body };
  }

  const server = createServer((req, res) => void dispatch(req, res));
  origin = await new Promise<string>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      resolve(`http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`);
    });
  });

  return {
    url: origin,
    controlUrl: `${origin}/__fake`,
    async createEnv(input = {}) {
      const env = controlHost.createEnv({ id: input.id });
      const { apiKey } = env.addApiKey(input.apiKey);
      return { envId: env.id, baseUrl: env.baseUrl, apiKey };
    },
    env: (id) => envs.get(id),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        envs.clear();
      }),
  };
}

function isLoopbackOrigin(value: string): boolean {
  try {
    return isLoopbackHost(new URL(value).hostname.replace(/^\[|\]$/g, ""));
  } catch {
    return false;
  }
}
