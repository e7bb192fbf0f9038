/**
 * A fake Okta org server for tests, `npm run dev` and benchmarks: the org authorization server's token endpoint
 * (private_key_jwt client credentials, DPoP) and the Management API operations the worker proxies, behaving as
 * docs/okta.md §3.1–3.2 describes — statuses, error bodies, `X-Okta-Request-Id`, rate-limit headers. One server hosts
 * many isolated orgs (`POST /__fake/orgs`), each under `<url>/o/<orgId>` or on a port of its own; see README.md.
 *
 * Loopback only: the control API has no authentication, and the fake mints tokens for whatever keys it is given.
 *
 * @example
 * const okta = await startFakeOkta({ port: 0 });
 * const { orgUrl } = await okta.createOrg();            // or POST ${okta.url}/__fake/orgs
 * // … register a client, seed users, point the worker at orgUrl …
 * await okta.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ControlError, type ControlHost, handleControl } from "./control-api";
import { E, TOKEN } from "./errors";
import { type FaultRule, gatewayPage } from "./faults";
import { HookReceivers } from "./hook-receivers";
import { BodyTooLargeError, type FakeResponse, header, headerValues, isLoopbackAddress, isLoopbackHost, readText, send } from "./http";
import { newOrgId, newRequestId } from "./ids";
import { type ApiRequest, handleApiRequest, startApiLog } from "./management-api";
import { handleTokenRequest, startTokenLog, type TokenRequest } from "./oauth-token";
import { Org, type OrgOptions } from "./org";
import { type RateLimitBucket, type RateLimitState, rateLimitHeaders } from "./rate-limit";

export interface FakeOktaOptions {
  /** Loopback only (127.0.0.0/8, ::1, localhost). Defaults to 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Receives one line per request (e.g. `console.log`); silent by default. */
  log?: (line: string) => void;
}

export interface FakeOkta {
  /** Origin of the server, e.g. `http://127.0.0.1:8789`. */
  readonly url: string;
  /** Base of the control API: `${url}/__fake`. */
  readonly controlUrl: string;
  /** In-process equivalent of `POST /__fake/orgs`. */
  createOrg(input?: { id?: string; dedicatedPort?: number; options?: Partial<OrgOptions> }): Promise<{ orgId: string; orgUrl: string }>;
  /** In-process access to an org's state (the CLI's demo seeding, benchmarks). */
  org(id: string): Org | undefined;
  close(): Promise<void>;
}

const TOKEN_PATH = "/oauth2/v1/token";
const LOGS_PATH = "/api/v1/logs";
const HOOK_RECEIVER = /^\/__fake\/hook-receivers\/([A-Za-z0-9_.-]{1,80})(?:\/(requests|config))?$/;

/** The request's source address as Okta would log it (an IPv4-mapped IPv6 address as plain IPv4). */
const clientIpOf = (req: IncomingMessage) => req.socket.remoteAddress?.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");

export async function startFakeOkta(options: FakeOktaOptions = {}): Promise<FakeOkta> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackHost(host)) throw new TypeError(`startFakeOkta: host must be a loopback address, not ${host}`);
  const log = options.log ?? (() => {});
  const now = () => Date.now();
  const orgs = new Map<string, Org>();
  const dedicated = new Map<string, Server>();
  const receivers = new HookReceivers(now);
  let origin = "";

  const listen = (server: Server, port: number) =>
    new Promise<string>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        const address = server.address() as AddressInfo;
        resolve(`http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`);
      });
    });
  const closeServer = (server: Server) =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  const controlHost: ControlHost = {
    orgs,
    documents: new Map(),
    now,
    async createOrg({ id, dedicatedPort }) {
      const orgId = id ?? newOrgId();
      const org = new Org(orgId, `${origin}/o/${orgId}`, now(), { now, fetch: (input, init) => fetch(input, init) });
      if (dedicatedPort !== undefined) {
        const server = createServer((req, res) => void dispatch(req, res, org));
        org.orgUrl = await listen(server, dedicatedPort);
        dedicated.set(orgId, server);
      }
      orgs.set(orgId, org);
      return org;
    },
    async deleteOrg(id) {
      orgs.get(id)?.eventHooks.close();
      orgs.delete(id);
      const server = dedicated.get(id);
      dedicated.delete(id);
      if (server) await closeServer(server);
    },
  };

  async function dispatch(req: IncomingMessage, res: ServerResponse, fixedOrg?: Org): Promise<void> {
    const started = now();
    const rawUrl = req.url ?? "/";
    const queryAt = rawUrl.indexOf("?");
    const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const search = queryAt < 0 ? "" : rawUrl.slice(queryAt);
    const method = req.method ?? "GET";
    res.once("finish", () => log(`${method} ${rawPath} ${res.statusCode} ${now() - started}ms`));
    try {
      if (fixedOrg) return await orgRequest(fixedOrg, req, res, rawPath, search);
      if (rawPath === "/__fake" || rawPath.startsWith("/__fake/")) return await control(req, res, rawPath);
      const match = /^\/o\/([a-z0-9-]+)(\/.*)?$/.exec(rawPath);
      const org = match ? orgs.get(match[1]!) : undefined;
      if (!org) return finish(res, { ...E.pathNotFound().toResponse(), headers: { "x-okta-request-id": newRequestId() } });
      return await orgRequest(org, req, res, match![2] ?? "/", search);
    } catch (error) {
      console.error("[fake-okta] internal error:", error);
      if (!res.headersSent) finish(res, E.internal().toResponse());
      else res.end();
    }
  }

  function finish(res: ServerResponse, response: FakeResponse): void {
    send(res, response);
  }

  async function control(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
    // The control API is for local tests only: refuse other hosts and cross-site browser requests.
    const requestOrigin = header(req, "origin");
    if (!isLoopbackAddress(req.socket.remoteAddress) || (requestOrigin !== undefined && !isLoopbackOrigin(requestOrigin))) {
      return finish(res, { status: 403, body: { error: "the control API answers loopback clients only" } });
    }
    const receiver = HOOK_RECEIVER.exec(rawPath);
    if (receiver) {
      // An event hook's endpoint: it needs the raw headers and body, so it is served before the JSON parsing below.
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]));
      try {
        const answer = await receivers.handle(req.method ?? "GET", receiver[1]!, receiver[2], headers, await readText(req));
        if (!res.destroyed) finish(res, answer);
      } catch (error) {
        if (error instanceof ControlError) return finish(res, { status: error.status, body: { error: error.message } });
        if (error instanceof BodyTooLargeError) return finish(res, { status: 413, body: { error: error.message } });
        throw error;
      }
      return;
    }
    let body: unknown;
    try {
      const text = await readText(req);
      body = text.trim() === "" ? undefined : JSON.parse(text);
    } catch (error) {
      return finish(res, { status: error instanceof BodyTooLargeError ? 413 : 400, body: { error: "the body must be JSON" } });
    }
    try {
      finish(res, await handleControl(controlHost, req.method ?? "GET", rawPath, body));
    } catch (error) {
      if (!(error instanceof ControlError)) throw error;
      finish(res, { status: error.status, body: { error: error.message } });
    }
  }

  async function orgRequest(org: Org, req: IncomingMessage, res: ServerResponse, path: string, search: string): Promise<void> {
    const requestId = newRequestId();
    const method = req.method ?? "GET";
    const nowMs = now();
    let body: string;
    try {
      body = await readText(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return finish(res, { status: 413, body: E.malformedBody().toResponse().body, headers: { "x-okta-request-id": requestId } });
    }
    const bucket: RateLimitBucket = path === TOKEN_PATH ? "token" : path === LOGS_PATH || path.startsWith(`${LOGS_PATH}/`) ? "logs" : "api";
    const dpop = headerValues(req, "dpop");
    const tokenRequest: TokenRequest = {
      contentType: header(req, "content-type"),
      authorization: header(req, "authorization"),
      dpopHeaders: dpop,
      body,
      requestId,
    };
    const apiRequest: ApiRequest = {
      method,
      path,
      query: new URLSearchParams(search),
      search,
      headers: { authorization: header(req, "authorization"), contentType: header(req, "content-type"), dpop },
      body,
      requestId,
      clientIp: clientIpOf(req),
      userAgent: header(req, "user-agent"),
    };
    const entry = bucket === "token" ? startTokenLog(org, tokenRequest, nowMs) : startApiLog(org, apiRequest, nowMs);

    const reply = (response: FakeResponse, rate: Pick<RateLimitState, "limit" | "remaining" | "reset"> | undefined) => {
      entry.status = response.status;
      if (response.bare) return finish(res, response);
      finish(res, { ...response, headers: { ...response.headers, "x-okta-request-id": requestId, ...(rate ? rateLimitHeaders(rate) : {}) } });
    };

    const before = org.faults.take(method, path, "before");
    if (before) {
      entry.fault = before.kind;
      return applyFault(before, bucket, org, nowMs, res, reply);
    }
    const rate = org.limiters[bucket].take(nowMs);
    if (!rate.allowed) {
      entry.fault = "rate-limit";
      return reply(E.rateLimited().toResponse(), rate);
    }

    let response: FakeResponse;
    if (bucket === "token") {
      response =
        method === "POST"
          ? await handleTokenRequest(org, tokenRequest, nowMs, entry as ReturnType<typeof startTokenLog>)
          : { status: 405, headers: { allow: "POST" }, body: { error: "invalid_request", error_description: "Invalid request" } };
    } else if (path.startsWith("/api/v1/")) {
      response = await handleApiRequest(org, apiRequest, nowMs, entry as ReturnType<typeof startApiLog>);
    } else {
      response = E.pathNotFound().toResponse();
    }

    const after = org.faults.take(method, path, "after");
    if (after) {
      entry.fault = `${after.kind} (after the operation)`;
      return applyFault(after, bucket, org, nowMs, res, reply);
    }
    reply(response, rate);
  }

  function applyFault(
    rule: FaultRule,
    bucket: RateLimitBucket,
    org: Org,
    nowMs: number,
    res: ServerResponse,
    reply: (response: FakeResponse, rate: Pick<RateLimitState, "limit" | "remaining" | "reset"> | undefined) => void,
  ): void {
    const settings = org.limiters[bucket].settings;
    const rate = { limit: settings.limit, remaining: settings.limit, reset: Math.ceil(nowMs / 1000) + settings.windowSeconds };
    switch (rule.kind) {
      case "hang":
        // Never answered; the socket is destroyed when the server closes.
        res.socket?.setTimeout(0);
        return;
      case "429":
        reply(E.rateLimited().toResponse(), { limit: settings.limit, remaining: 0, reset: Math.ceil(nowMs / 1000) + rule.resetSeconds });
        return;
      case "500":
        reply(bucket === "token" ? TOKEN.serverError().toResponse() : E.internal().toResponse(), rate);
        return;
      case "502":
      case "503": {
        const status = Number(rule.kind) as 502 | 503;
        if (rule.body === "html") reply({ status, body: gatewayPage(status), contentType: "text/html", bare: true }, undefined);
        else reply({ ...E.internal().toResponse(), status }, rate);
        return;
      }
    }
  }

  const server = createServer((req, res) => void dispatch(req, res));
  origin = await listen(server, options.port ?? 0);

  return {
    url: origin,
    controlUrl: `${origin}/__fake`,
    async createOrg(input = {}) {
      const org = await controlHost.createOrg(input);
      if (input.options) Object.assign(org.options, input.options);
      return { orgId: org.id, orgUrl: org.orgUrl };
    },
    org: (id) => orgs.get(id),
    async close() {
      for (const org of orgs.values()) org.eventHooks.close();
      await Promise.all([closeServer(server), ...[...dedicated.values()].map(closeServer)]);
      dedicated.clear();
      orgs.clear();
    },
  };
}

function isLoopbackOrigin(value: string): boolean {
  try {
    return isLoopbackHost(new URL(value).hostname.replace(/^\[|\]$/g, ""));
  } catch {
    return false;
  }
}
