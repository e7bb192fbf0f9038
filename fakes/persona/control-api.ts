/**
 * The fake's own control API (JSON over HTTP under `/__fake/`, loopback only, no auth): create isolated
 * environments and API keys, seed accounts, cases and inquiries, read state and the request log back, flip fault
 * switches and the rate limit, send webhooks, and drive an inquiry (control-inquiry-flow.ts). Routes and bodies are listed in README.md. Errors answer
 * `{"error": "<message>"}` with a 4xx.
 */

import type { FakeResponse } from "../okta/http";
import { ControlError } from "../shared/control-error";
import { type AccountRecord, renderAccount } from "./accounts";
import { API_VERSIONS } from "./api-request";
import { type CaseRecord, renderCase } from "./cases";
import { bad, object } from "./control-input";
import { describeInquiry, inquiryFlow } from "./control-inquiry-flow";
import { type ApiKeyRecord, DEFAULT_ENV_OPTIONS, type Env, type EnvOptions } from "./env";
import { FAULT_KINDS, type FaultKind, type FaultRule, type FaultStage } from "./faults";
import { PERMISSIONS, type Permission } from "./operations";
import type { RateLimitConfig } from "./rate-limit";
import { SeedError } from "./seed-input";
import type { SinkStore } from "./sinks";
import { sendWebhook } from "./webhook-sender";

/** Re-exported: the server catches it from here. */
export { ControlError };

export interface ControlHost {
  envs: Map<string, Env>;
  sinks: SinkStore;
  createEnv(input: { id?: string }): Env;
  now(): number;
  fetch: typeof fetch;
}

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const created = (body: unknown): FakeResponse => ({ status: 201, body });
const noContent: FakeResponse = { status: 204 };

export async function handleControl(host: ControlHost, method: string, path: string, body: unknown): Promise<FakeResponse> {
  try {
    return await route(host, method, path, body);
  } catch (error) {
    if (error instanceof SeedError) throw bad(error.message);
    throw error;
  }
}

async function route(host: ControlHost, method: string, path: string, body: unknown): Promise<FakeResponse> {
  const parts = path
    .split("/")
    .filter((part) => part !== "")
    .slice(1) // "__fake"
    .map((part) => decodeURIComponent(part));
  const notFound = () => new ControlError(404, `no control route ${method} ${path}`);
  if (parts[0] === "sinks" && parts.length === 2) return sink(host, method, parts[1]!, body);
  if (parts[0] !== "envs") throw notFound();
  if (parts.length === 1) {
    if (method === "POST") return created(createEnv(host, body === undefined ? {} : object(body, "environment")));
    if (method === "GET") return ok([...host.envs.values()].map((env) => ({ envId: env.id, baseUrl: env.baseUrl })));
    throw notFound();
  }
  const env = host.envs.get(parts[1]!);
  if (!env) throw new ControlError(404, `no environment ${parts[1]}`);
  const [collection = "", second, third, ...extra] = parts.slice(2);
  if (extra.length > 0) throw notFound();
  const now = host.now();
  if (collection === "inquiries" && second !== undefined && third !== undefined) {
    const answer = await inquiryFlow(env, method, found(env.inquiries, second), third, body, now, host.fetch);
    if (answer) return answer;
    throw notFound();
  }
  const withId = second !== undefined && ["accounts", "cases", "inquiries", "api-keys"].includes(collection) && third === undefined;
  const key = `${method} ${[collection, withId ? ":id" : second, third].filter((part) => part !== undefined).join("/")}`;

  switch (key) {
    case "GET ":
      return ok(describe(env));
    case "DELETE ":
      host.envs.delete(env.id);
      return noContent;
    case "PATCH options":
      return ok(setOptions(env, object(body, "options")));
    case "GET api-keys":
      return ok([...env.apiKeys.values()]);
    case "POST api-keys":
      return created(addApiKey(env, body === undefined ? {} : object(body, "api key")));
    case "DELETE api-keys/:id":
      env.apiKeys.delete(second!);
      return noContent;
    case "POST accounts":
      return created(list(body).map((seed) => describeAccount(env.seedAccount(seed, now))));
    case "GET accounts":
      return ok([...env.accounts.values()].map(describeAccount));
    case "GET accounts/:id":
      return ok(describeAccount(found(env.accounts, second!)));
    case "PATCH accounts/:id": {
      const account = found(env.accounts, second!);
      env.patchAccount(account, body, now);
      return ok(describeAccount(account));
    }
    case "POST cases":
      return created(list(body).map((seed) => describeCase(env.seedCase(seed, now))));
    case "GET cases":
      return ok([...env.cases.values()].map(describeCase));
    case "GET cases/:id":
      return ok(describeCase(found(env.cases, second!)));
    case "PATCH cases/:id": {
      const record = found(env.cases, second!);
      env.patchCase(record, body, now);
      return ok(describeCase(record));
    }
    case "POST inquiries":
      return created(list(body).map((seed) => describeInquiry(env, env.seedInquiry(seed, now), now)));
    case "GET inquiries":
      return ok([...env.inquiries.values()].map((record) => describeInquiry(env, record, now)));
    case "GET inquiries/:id":
      return ok(describeInquiry(env, found(env.inquiries, second!), now));
    case "PATCH inquiries/:id": {
      const record = found(env.inquiries, second!);
      env.patchInquiry(record, body, now);
      return ok(describeInquiry(env, record, now));
    }
    case "GET tags":
      return ok(env.listTags());
    case "POST search-index/flush":
      env.search.accounts.flush();
      env.search.cases.flush();
      return noContent;
    case "GET requests":
      return ok(env.requests);
    case "DELETE requests":
      env.requests = [];
      return noContent;
    case "GET idempotency-keys":
      return ok(env.idempotency.list());
    case "DELETE idempotency-keys":
      env.idempotency.clear();
      return noContent;
    case "POST faults":
      for (const rule of list(body)) env.faults.add(fault(object(rule, "fault")));
      return created(env.faults.list());
    case "GET faults":
      return ok(env.faults.list());
    case "DELETE faults":
      env.faults.clear();
      return noContent;
    case "GET rate-limit":
      return ok(env.limiter.settings);
    case "PUT rate-limit":
      env.limiter.configure(rateLimit(object(body, "rate limit")));
      return ok(env.limiter.settings);
    case "POST webhooks/send":
      return ok(await sendWebhook(env, body, now, host.fetch));
    case "GET webhooks/events":
      return ok([...env.webhookEvents.values()]);
    default:
      throw notFound();
  }
}

function list(body: unknown): unknown[] {
  if (body === undefined) throw bad("a JSON body is required");
  return Array.isArray(body) ? body : [body];
}

function found<T>(map: Map<string, T>, id: string): T {
  const record = map.get(id);
  if (record === undefined) throw new ControlError(404, `no ${id}`);
  return record;
}

function createEnv(host: ControlHost, input: Record<string, unknown>) {
  if (input.id !== undefined && (typeof input.id !== "string" || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(input.id)))
    throw bad("id must match [a-z0-9][a-z0-9-]{0,39}");
  if (typeof input.id === "string" && host.envs.has(input.id)) throw new ControlError(409, `environment ${input.id} exists`);
  for (const name of Object.keys(input)) if (!["id", "apiKey", "permissions", "options", "rateLimit"].includes(name)) throw bad(`unknown field ${name}`);
  const env = host.createEnv({ id: input.id as string | undefined });
  try {
    addApiKey(env, { apiKey: input.apiKey, permissions: input.permissions });
    if (input.options !== undefined) setOptions(env, object(input.options, "options"));
    if (input.rateLimit !== undefined) env.limiter.configure(rateLimit(object(input.rateLimit, "rateLimit")));
  } catch (error) {
    host.envs.delete(env.id);
    throw error;
  }
  return describe(env);
}

function describe(env: Env) {
  return {
    envId: env.id,
    baseUrl: env.baseUrl,
    apiKey: [...env.apiKeys.keys()][0] ?? null,
    apiKeys: [...env.apiKeys.values()],
    environmentId: env.environmentToken,
    organizationId: env.organizationToken,
    options: env.options,
    rateLimit: env.limiter.settings,
    faults: env.faults.list(),
    counts: { accounts: env.accounts.size, cases: env.cases.size, inquiries: env.inquiries.size, requests: env.requests.length },
  };
}

function addApiKey(env: Env, input: Record<string, unknown>): ApiKeyRecord {
  const { apiKey, permissions } = input;
  if (apiKey !== undefined && (typeof apiKey !== "string" || !/^persona_(sandbox|production)_[\x21-\x7e]{8,400}$/.test(apiKey))) {
    throw bad("apiKey must look like persona_sandbox_… or persona_production_…");
  }
  if (typeof apiKey === "string" && env.apiKeys.has(apiKey)) throw new ControlError(409, "that API key exists");
  let granted: ApiKeyRecord["permissions"] = "all";
  if (permissions !== undefined && permissions !== "all") {
    if (!Array.isArray(permissions) || !permissions.every((name) => (PERMISSIONS as readonly unknown[]).includes(name))) {
      throw bad(`permissions must be "all" or a list of ${PERMISSIONS.join(", ")}`);
    }
    granted = permissions as Permission[];
  }
  return env.addApiKey(apiKey as string | undefined, granted);
}

function setOptions(env: Env, input: Record<string, unknown>): EnvOptions {
  const next = { ...env.options };
  for (const [name, value] of Object.entries(input)) {
    switch (name as keyof EnvOptions) {
      case "apiVersion":
        if (typeof value !== "string" || !(API_VERSIONS as readonly string[]).includes(value))
          throw bad(`apiVersion must be one of ${API_VERSIONS.join(", ")}`);
        next.apiVersion = value;
        break;
      case "searchLagMs":
      case "idempotencyTtlSeconds":
        if (typeof value !== "number" || !(value >= 0)) throw bad(`${name} must be a number ≥ 0`);
        next[name as "searchLagMs" | "idempotencyTtlSeconds"] = value;
        break;
      case "searchableAccountFields":
      case "searchableCaseFields":
      case "inquiryTemplateIds":
        if (value !== null && !(Array.isArray(value) && value.every((item) => typeof item === "string")))
          throw bad(`${name} must be null or a list of ${name === "inquiryTemplateIds" ? "template ids" : "field names"}`);
        next[name as "searchableAccountFields" | "searchableCaseFields" | "inquiryTemplateIds"] = value as string[] | null;
        break;
      case "oneTimeLinkHost":
        if (value !== "persona" && value !== "fake") throw bad('oneTimeLinkHost must be "persona" or "fake"');
        next.oneTimeLinkHost = value;
        break;
      default:
        throw bad(`unknown option ${name}; known: ${Object.keys(DEFAULT_ENV_OPTIONS).join(", ")}`);
    }
  }
  Object.assign(env.options, next);
  return env.options;
}

function fault(input: Record<string, unknown>): FaultRule {
  const kind = String(input.kind) as FaultKind;
  if (!FAULT_KINDS.includes(kind)) throw bad(`kind must be one of ${FAULT_KINDS.join(", ")}`);
  const count = input.count ?? 1;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1) throw bad("count must be a positive integer");
  if (input.pathPrefix !== undefined && (typeof input.pathPrefix !== "string" || !input.pathPrefix.startsWith("/")))
    throw bad("pathPrefix must be a path starting with /");
  if (input.method !== undefined && typeof input.method !== "string") throw bad("method must be a string");
  const when = input.when ?? "before";
  if (when !== "before" && when !== "during" && when !== "after") throw bad('when must be "before", "during" or "after"');
  const resetSeconds = input.resetSeconds ?? 1;
  if (typeof resetSeconds !== "number" || !Number.isInteger(resetSeconds) || resetSeconds < 0) throw bad("resetSeconds must be an integer ≥ 0");
  if (input.body !== undefined && input.body !== "html" && input.body !== "json") throw bad('body must be "html" or "json"');
  return {
    kind,
    count,
    ...(input.pathPrefix === undefined ? {} : { pathPrefix: input.pathPrefix as string }),
    ...(input.method === undefined ? {} : { method: input.method as string }),
    when: when as FaultStage,
    resetSeconds,
    body: input.body === "json" ? "json" : "html",
  };
}

function rateLimit(input: Record<string, unknown>): RateLimitConfig {
  const { limit, windowSeconds = 60 } = input;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 0) throw bad("limit must be an integer ≥ 0");
  if (typeof windowSeconds !== "number" || !Number.isInteger(windowSeconds) || windowSeconds <= 0) throw bad("windowSeconds must be an integer > 0");
  return { limit, windowSeconds };
}

function sink(host: ControlHost, method: string, name: string, body: unknown): FakeResponse {
  switch (method) {
    case "GET": {
      const found = host.sinks.get(name);
      return ok({ status: found.status, body: found.body, requests: found.requests });
    }
    case "PUT": {
      const input = object(body, "sink");
      const status = input.status ?? 200;
      if (typeof status !== "number" || !Number.isInteger(status) || status < 200 || status > 599) throw bad("status must be an HTTP status");
      const configured = host.sinks.configure(name, status, input.body ?? {});
      return ok({ status: configured.status, body: configured.body });
    }
    case "DELETE":
      host.sinks.delete(name);
      return noContent;
    default:
      throw new ControlError(405, `${method} not allowed on a sink (deliveries are POSTed to it)`);
  }
}

/** The API form, plus (as JSON:API `meta`) what the fake keeps about an object but Persona does not serialize. */
function describeAccount(account: AccountRecord) {
  return { ...renderAccount(account), meta: { identifiers: account.identifiers } };
}

function describeCase(record: CaseRecord) {
  return { ...renderCase(record), meta: { referenceId: record.referenceId, state: record.state } };
}
