/**
 * The fake's own control API (JSON over HTTP under `/__fake/`, loopback only, no auth): create isolated orgs, register
 * service apps and API tokens, seed the directory, read state and request logs back, and flip fault switches.
 * Routes and bodies are listed in README.md. Errors answer `{ "error": "<message>" }` with a 4xx.
 */

import { ControlError } from "../shared/control-error";
import { authenticator, bad, fault, object, rateLimit } from "./control-input";
import { handleLogControl } from "./control-logs";
import type { GroupSeed } from "./groups";
import { renderGroup } from "./groups";
import type { FakeResponse } from "./http";
import { alnum, newClientId, newUserId, opaque } from "./ids";
import { JwksSource, parseJwks } from "./jwks-fetch";
import { settle } from "./lifecycle";
import { type ClientRecord, DEFAULT_ORG_OPTIONS, type Org, type OrgOptions } from "./org";
import { RATE_LIMIT_BUCKETS } from "./rate-limit";
import { renderUser, USER_STATUSES, type UserRecord, type UserSeed, type UserStatus } from "./users";

/** Re-exported: the server catches it from here. */
export { ControlError };

export interface ControlHost {
  orgs: Map<string, Org>;
  /**
   * JSON documents served at `GET /__fake/documents/<name>`: lets a test that cannot serve HTTP itself (workerd)
   * publish a JWKS for a client's `jwksUri`, rotate it, or take it down.
   */
  documents: Map<string, unknown>;
  /** Creates an org: under `/o/<id>` of the main server, or on a port of its own (`dedicatedPort`). */
  createOrg(input: { id?: string; dedicatedPort?: number }): Promise<Org>;
  deleteOrg(id: string): Promise<void>;
  now(): number;
}

const created = (body: unknown): FakeResponse => ({ status: 201, body });
const ok = (body: unknown): FakeResponse => ({ status: 200, body });

function adminRoleOf(value: unknown): boolean | string[] {
  if (typeof value === "boolean") return value;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
  throw bad("adminRole must be true/false or a list of permission ids");
}

function stringList(value: unknown, what: string): string[] {
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
  throw bad(`${what} must be a list of strings`);
}

export async function handleControl(host: ControlHost, method: string, path: string, body: unknown): Promise<FakeResponse> {
  const parts = path
    .split("/")
    .filter((part) => part !== "")
    .slice(1); // drop "__fake"
  if (parts[0] === "documents" && parts.length === 2) return document(host, method, decodeURIComponent(parts[1]!), body);
  if (parts[0] !== "orgs") throw new ControlError(404, `no control route ${method} ${path}`);
  if (parts.length === 1) {
    if (method === "POST") return createOrg(host, body);
    if (method === "GET") return ok([...host.orgs.values()].map((org) => ({ orgId: org.id, orgUrl: org.orgUrl })));
    throw new ControlError(405, `${method} not allowed`);
  }
  const org = host.orgs.get(parts[1]!);
  if (!org) throw new ControlError(404, `no org ${parts[1]}`);
  const [collection = "", second, ...extra] = parts.slice(2);
  if (collection === "log-events" || collection === "event-hooks") return handleLogControl(org, method, parts.slice(2), body, host.now());
  if (extra.length > 0) throw new ControlError(404, `no control route ${method} ${path}`);
  const withId = second !== undefined && ["clients", "users", "authenticators"].includes(collection);
  const route = `${method} ${second === undefined ? collection : `${collection}/${withId ? ":id" : second}`}`;
  const sub = second === undefined ? undefined : decodeURIComponent(second);
  const now = host.now();

  switch (route) {
    case "GET ":
      return ok(describe(org));
    case "DELETE ":
      await host.deleteOrg(org.id);
      return { status: 204 };
    case "PATCH options":
      return ok(setOptions(org, object(body, "options")));
    case "POST clients":
      return created(describeClient(addClient(org, object(body, "client"))));
    case "GET clients/:id":
      return ok(describeClient(client(org, sub!)));
    case "PATCH clients/:id":
      return ok(describeClient(patchClient(client(org, sub!), object(body, "client"))));
    case "POST api-tokens": {
      const input = object(body, "api token");
      const token = typeof input.token === "string" && input.token !== "" ? input.token : `00${opaque(30)}`;
      const owner = object(input.owner ?? {}, "owner");
      const record = {
        token,
        id: `00T${alnum(17)}`,
        owner: {
          id: typeof owner.id === "string" ? owner.id : newUserId(),
          login: typeof owner.login === "string" ? owner.login : "api.admin@example.com",
          displayName: typeof owner.displayName === "string" ? owner.displayName : "API Admin",
        },
        adminRole: adminRoleOf(input.adminRole ?? true),
      };
      org.apiTokens.set(token, record);
      return created({ token, id: record.id, owner: record.owner });
    }
    case "POST users": {
      const seeds = Array.isArray(body) ? body : [body];
      const users = seeds.map((seed) => seedUser(org, seed, now));
      return created(users.map((user) => describeUser(org, user)));
    }
    case "GET users":
      return ok(org.users.all().map((user) => describeUser(org, user)));
    case "GET users/:id":
      return ok(describeUser(org, user(org, sub!, now)));
    case "PATCH users/:id":
      return ok(describeUser(org, patchUser(org, user(org, sub!, now), object(body, "user"), now)));
    case "POST groups": {
      const seeds = Array.isArray(body) ? body : [body];
      return created(seeds.map((seed) => renderGroup(org.groups.create(groupSeed(seed), new Date(now).toISOString()), org.orgUrl)));
    }
    case "GET authenticators":
      return ok(org.authenticators);
    case "PUT authenticators": {
      if (!Array.isArray(body)) throw bad("authenticators must be a list");
      org.authenticators = body.map((item) => authenticator(object(item, "authenticator"), now));
      return ok(org.authenticators);
    }
    case "PATCH authenticators/:id": {
      const target = org.authenticators.find((candidate) => candidate.id === sub || candidate.key === sub);
      if (!target) throw new ControlError(404, `no authenticator ${sub}`);
      Object.assign(target, object(body, "authenticator"), { id: target.id, lastUpdated: new Date(now).toISOString() });
      return ok(target);
    }
    case "GET token-requests":
      return ok(org.tokenRequests);
    case "GET api-requests":
      return ok(org.apiRequests);
    case "DELETE requests":
      org.tokenRequests = [];
      org.apiRequests = [];
      return { status: 204 };
    case "GET tokens":
      return ok([...org.accessTokens.values()].map(({ token, ...rest }) => ({ ...rest, tokenSuffix: token.slice(-6), expired: rest.expiresAtMs <= now })));
    case "POST tokens/expire":
      return ok({ expired: org.expireAllTokens(now) });
    case "POST faults":
      for (const rule of Array.isArray(body) ? body : [body]) org.faults.add(fault(object(rule, "fault")));
      return created(org.faults.list());
    case "GET faults":
      return ok(org.faults.list());
    case "DELETE faults":
      org.faults.clear();
      return { status: 204 };
    case "GET rate-limits":
      return ok(rateLimits(org));
    case "PUT rate-limits": {
      const input = object(body, "rate limits");
      for (const bucket of RATE_LIMIT_BUCKETS) {
        if (input[bucket] !== undefined) org.limiters[bucket].configure(rateLimit(input[bucket]));
      }
      return ok(rateLimits(org));
    }
    case "POST dpop-nonce/rotate":
      org.rotateDpopNonce();
      return ok({ nonce: org.dpopNonces.current });
    default:
      throw new ControlError(404, `no control route ${method} ${path}`);
  }
}

function document(host: ControlHost, method: string, name: string, body: unknown): FakeResponse {
  switch (method) {
    case "GET":
      if (!host.documents.has(name)) throw new ControlError(404, `no document ${name}`);
      return { status: 200, body: host.documents.get(name), headers: { "cache-control": "no-store" } };
    case "PUT":
      if (body === undefined) throw bad("a document needs a JSON body");
      host.documents.set(name, body);
      return { status: 200, body: { url: `/__fake/documents/${encodeURIComponent(name)}` } };
    case "DELETE":
      host.documents.delete(name);
      return { status: 204 };
    default:
      throw new ControlError(405, `${method} not allowed`);
  }
}

async function createOrg(host: ControlHost, body: unknown): Promise<FakeResponse> {
  const input = body === undefined ? {} : object(body, "org");
  if (input.id !== undefined && (typeof input.id !== "string" || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(input.id)))
    throw bad("id must match [a-z0-9][a-z0-9-]{0,39}");
  if (typeof input.id === "string" && host.orgs.has(input.id)) throw new ControlError(409, `org ${input.id} exists`);
  let dedicatedPort: number | undefined;
  if (input.dedicatedPort === true) dedicatedPort = 0;
  else if (typeof input.dedicatedPort === "number" && Number.isInteger(input.dedicatedPort) && input.dedicatedPort >= 0 && input.dedicatedPort <= 65535)
    dedicatedPort = input.dedicatedPort;
  else if (input.dedicatedPort !== undefined && input.dedicatedPort !== false) throw bad("dedicatedPort must be true or a port number");
  const org = await host.createOrg({ id: input.id as string | undefined, dedicatedPort });
  if (input.options !== undefined) setOptions(org, object(input.options, "options"));
  return created(describe(org));
}

function describe(org: Org) {
  return {
    orgId: org.id,
    orgUrl: org.orgUrl,
    tokenUrl: org.tokenUrl,
    options: org.options,
    rateLimits: rateLimits(org),
    faults: org.faults.list(),
    clients: [...org.clients.keys()],
    users: org.users.all().length,
  };
}

const rateLimits = (org: Org) => Object.fromEntries(RATE_LIMIT_BUCKETS.map((bucket) => [bucket, org.limiters[bucket].settings]));

function setOptions(org: Org, input: Record<string, unknown>): OrgOptions {
  for (const [key, value] of Object.entries(input)) {
    if (!(key in DEFAULT_ORG_OPTIONS)) throw bad(`unknown option ${key}`);
    const expected = typeof DEFAULT_ORG_OPTIONS[key as keyof OrgOptions];
    if (typeof value !== expected) throw bad(`option ${key} must be a ${expected}`);
    if (key === "resetFactorsWithoutFactors" && value !== "error" && value !== "ok") throw bad('resetFactorsWithoutFactors must be "error" or "ok"');
    (org.options as unknown as Record<string, unknown>)[key] = value;
  }
  return org.options;
}

function addClient(org: Org, input: Record<string, unknown>): ClientRecord {
  const clientId = typeof input.clientId === "string" && input.clientId !== "" ? input.clientId : newClientId();
  if (org.clients.has(clientId)) throw new ControlError(409, `client ${clientId} exists`);
  const hasUri = input.jwksUri !== undefined;
  const hasInline = input.jwks !== undefined;
  if (hasUri === hasInline) throw bad("give exactly one of jwksUri (the app's key URL) or jwks (inline keys, for tests)");
  if (hasUri && (typeof input.jwksUri !== "string" || !URL.canParse(input.jwksUri))) throw bad("jwksUri must be an absolute URL");
  if (input.name !== undefined && typeof input.name !== "string") throw bad("name must be a string");
  const client: ClientRecord = {
    clientId,
    ...(typeof input.name === "string" ? { name: input.name } : {}),
    jwks: new JwksSource(hasUri ? (input.jwksUri as string) : undefined, hasInline ? parseJwksOrBad(input.jwks) : undefined),
    grantedScopes: stringList(input.grantedScopes ?? [], "grantedScopes"),
    adminRole: adminRoleOf(input.adminRole ?? false),
    dpopRequired: input.dpopRequired === true,
  };
  org.clients.set(clientId, client);
  return client;
}

function parseJwksOrBad(value: unknown) {
  try {
    return parseJwks(value);
  } catch (error) {
    throw bad(`jwks: ${(error as Error).message}`);
  }
}

function client(org: Org, clientId: string): ClientRecord {
  const found = org.clients.get(clientId);
  if (!found) throw new ControlError(404, `no client ${clientId}`);
  return found;
}

function patchClient(target: ClientRecord, input: Record<string, unknown>): ClientRecord {
  if (input.grantedScopes !== undefined) target.grantedScopes = stringList(input.grantedScopes, "grantedScopes");
  if (input.adminRole !== undefined) target.adminRole = adminRoleOf(input.adminRole);
  if (input.dpopRequired !== undefined) target.dpopRequired = input.dpopRequired === true;
  if (input.jwks !== undefined) {
    if (target.jwks.jwksUri !== undefined) throw bad("this client reads its keys from jwksUri");
    target.jwks.setInline(parseJwksOrBad(input.jwks));
  }
  return target;
}

function describeClient(target: ClientRecord) {
  return {
    clientId: target.clientId,
    name: target.name ?? null,
    jwksUri: target.jwks.jwksUri ?? null,
    grantedScopes: target.grantedScopes,
    adminRole: target.adminRole,
    dpopRequired: target.dpopRequired,
    jwksFetches: target.jwks.fetches,
  };
}

function status(value: unknown): UserStatus {
  if (typeof value !== "string" || !(USER_STATUSES as readonly string[]).includes(value)) throw bad(`status must be one of ${USER_STATUSES.join(", ")}`);
  return value as UserStatus;
}

function seedUser(org: Org, value: unknown, now: number): UserRecord {
  const input = object(value, "user");
  const profile = object(input.profile, "profile");
  if (typeof profile.login !== "string" || profile.login === "") throw bad("profile.login is required");
  const seed: UserSeed = {
    id: typeof input.id === "string" ? input.id : undefined,
    status: input.status === undefined ? undefined : status(input.status),
    profile: { ...profile, login: profile.login },
    factorsEnrolled: typeof input.factorsEnrolled === "number" ? input.factorsEnrolled : undefined,
    groups: input.groups === undefined ? undefined : stringList(input.groups, "groups"),
    hasPassword: typeof input.hasPassword === "boolean" ? input.hasPassword : undefined,
    recoveryQuestion: typeof input.recoveryQuestion === "string" ? input.recoveryQuestion : undefined,
    created: typeof input.created === "string" ? input.created : undefined,
    lastLogin: typeof input.lastLogin === "string" ? input.lastLogin : undefined,
  };
  try {
    return org.seedUser(seed, now);
  } catch (error) {
    throw new ControlError(409, (error as Error).message);
  }
}

function user(org: Org, id: string, now: number): UserRecord {
  const found = org.users.get(id) ?? org.users.findByLogin(id);
  if (!found) throw new ControlError(404, `no user ${id}`);
  settle(found, now);
  return found;
}

/** Puts a user in any state directly (e.g. LOCKED_OUT after failed sign-ins), bypassing the lifecycle rules. */
function patchUser(org: Org, target: UserRecord, input: Record<string, unknown>, now: number): UserRecord {
  const before = renderUser(target, org.orgUrl, { links: "self" });
  const iso = new Date(now).toISOString();
  if (input.status !== undefined) {
    target.status = status(input.status);
    target.statusChanged = iso;
    target.transitioningToStatus = undefined;
    target.pendingUntilMs = undefined;
  }
  if (input.profile !== undefined) target.profile = { ...target.profile, ...object(input.profile, "profile") };
  if (typeof input.factorsEnrolled === "number") target.factorsEnrolled = input.factorsEnrolled;
  if (typeof input.hasPassword === "boolean") target.hasPassword = input.hasPassword;
  if (input.lastLogin !== undefined) target.lastLogin = typeof input.lastLogin === "string" ? input.lastLogin : null;
  if (input.groups !== undefined) target.groupIds = stringList(input.groups, "groups").map((ref) => org.groups.resolveOrCreate(ref, iso).id);
  target.lastUpdated = iso;
  org.noteChanged(target.id, before, now);
  return target;
}

function describeUser(org: Org, target: UserRecord) {
  const { seq: _seq, ...state } = target;
  return { ...state, api: renderUser(target, org.orgUrl, { links: "full" }) };
}

function groupSeed(value: unknown): GroupSeed {
  const input = object(value, "group");
  const profile = object(input.profile, "profile");
  if (typeof profile.name !== "string" || profile.name === "") throw bad("profile.name is required");
  return {
    id: typeof input.id === "string" ? input.id : undefined,
    type: input.type === "BUILT_IN" || input.type === "APP_GROUP" ? input.type : "OKTA_GROUP",
    profile: { name: profile.name, description: typeof profile.description === "string" ? profile.description : null },
  };
}
