/** The state of one fake Okta org: directory, apps and tokens, options, request logs, rate limits and faults. */
import { type AuthenticatorRecord, defaultAuthenticators } from "./authenticators";
import { EventHooks } from "./event-hooks";
import { FaultQueue } from "./faults";
import { GroupStore } from "./groups";
import type { HookAmbient } from "./hook-http";
import { newUserTypeId, opaque } from "./ids";
import type { JwksSource } from "./jwks-fetch";
import { settle } from "./lifecycle";
import { LogStore } from "./log-store";
import { DEFAULT_RATE_LIMIT, LOGS_RATE_LIMIT, type RateLimitBucket, RateLimiter } from "./rate-limit";
import { ReplayCache } from "./replay-cache";
import { renderUser, type UserRecord, type UserSeed, UserStore } from "./users";

/** Behaviour switches of an org; every default is Okta's documented behaviour or the strict reading of it. */
export interface OrgOptions {
  /** Seconds a fetched client JWKS is reused (Okta's cache is undocumented). Default 0: fetched on every token request. */
  jwksCacheSeconds: number;
  /** Tolerance for `iat`/`exp` of client assertions and DPoP proofs. Default 0. */
  clockSkewSeconds: number;
  /** `expires_in` of access tokens. Okta: fixed at 3600. */
  accessTokenTtlSeconds: number;
  /** > 0: activate/deactivate are asynchronous (`transitioningToStatus`) for this long. Default 0. */
  transitionDelayMs: number;
  /** > 0: `search` results lag writes by this long (Okta: "eventually consistent"). Default 0. */
  searchDelayMs: number;
  /** Okta's "Edit Deactivated User Profile Updates" setting. Default false (403 E0000038). */
  editDeactivatedUserProfiles: boolean;
  /** Undocumented: reset_factors on a user without factors. Default "error" (400 E0000001). */
  resetFactorsWithoutFactors: "error" | "ok";
  /** Whether a `.manage` scope also satisfies the `.read` scope of an operation. Default false (the spec's scope only). */
  manageScopeImpliesRead: boolean;
  /**
   * Whether a client assertion is spent by a token request that ends in `use_dpop_nonce` (so the retry needs a new
   * assertion). Undocumented; default true, the strict reading.
   */
  consumeAssertionOnNonceChallenge: boolean;
  /**
   * Whether System Log events (API answers and hook deliveries) carry `null` for absent values, as Okta's own
   * examples do (`detailEntry: null`, `reason: null`). Default false: absent, which is what the spec's schema allows.
   */
  logEventNulls: boolean;
}

export const DEFAULT_ORG_OPTIONS: OrgOptions = {
  jwksCacheSeconds: 0,
  clockSkewSeconds: 0,
  accessTokenTtlSeconds: 3600,
  transitionDelayMs: 0,
  searchDelayMs: 0,
  editDeactivatedUserProfiles: false,
  resetFactorsWithoutFactors: "error",
  manageScopeImpliesRead: false,
  consumeAssertionOnNonceChallenge: true,
  logEventNulls: false,
};

export interface ClientRecord {
  clientId: string;
  /** The app's label, shown as the actor's `displayName` in System Log events. */
  name?: string;
  jwks: JwksSource;
  grantedScopes: string[];
  /** `true` = Super Administrator; a list = the permissions of its (custom) admin role; false/[] = no role. */
  adminRole: boolean | string[];
  dpopRequired: boolean;
}

export interface ApiTokenRecord {
  token: string;
  /** The token's id (`00T…`): `transaction.detail.requestApiTokenId` of the events it causes. */
  id: string;
  /** The admin who created the token: Okta logs API-token calls as that user. */
  owner: { id: string; login: string; displayName: string };
  adminRole: boolean | string[];
}

export interface AccessTokenRecord {
  token: string;
  clientId: string;
  scopes: string[];
  tokenType: "Bearer" | "DPoP";
  /** DPoP-bound tokens: thumbprint of the key the proofs must be signed with. */
  jkt?: string;
  issuedAtMs: number;
  expiresAtMs: number;
}

export interface TokenRequestLog {
  atMs: number;
  requestId: string;
  status: number;
  error?: string;
  errorDescription?: string;
  /** The form fields as received. */
  form: Record<string, string>;
  clientId?: string;
  /** The client assertion, decoded without verification (null when absent or unparsable). */
  assertion: { header: Record<string, unknown>; claims: Record<string, unknown> } | null;
  dpopHeaderPresent: boolean;
  /** The (first) DPoP proof, decoded without verification. */
  dpop: { header: Record<string, unknown>; claims: Record<string, unknown> } | null;
  tokenType?: "Bearer" | "DPoP";
  scope?: string;
  /** Set when a fault switch or the rate limit answered instead of (or after) the real endpoint. */
  fault?: string;
}

export interface ApiRequestLog {
  atMs: number;
  requestId: string;
  method: string;
  /** Path under the org, percent-encoded as received. */
  path: string;
  query: string;
  /** The scheme of the Authorization header (`SSWS`, `Bearer`, `DPoP`, another word) or null when absent. */
  authScheme: string | null;
  clientId?: string;
  dpopProof: boolean;
  operationId?: string;
  status: number;
  /** Set when a fault switch or the rate limit answered instead of (or after) the real endpoint. */
  fault?: string;
}

export class Org {
  readonly options: OrgOptions = { ...DEFAULT_ORG_OPTIONS };
  readonly users: UserStore;
  readonly groups: GroupStore;
  authenticators: AuthenticatorRecord[];
  readonly clients = new Map<string, ClientRecord>();
  readonly apiTokens = new Map<string, ApiTokenRecord>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly replay = new ReplayCache();
  readonly limiters: Record<RateLimitBucket, RateLimiter> = {
    token: new RateLimiter(DEFAULT_RATE_LIMIT),
    api: new RateLimiter(DEFAULT_RATE_LIMIT),
    logs: new RateLimiter(LOGS_RATE_LIMIT),
  };
  /** The System Log and the event hooks that deliver from it. */
  readonly logs = new LogStore();
  readonly eventHooks: EventHooks;
  readonly faults = new FaultQueue();
  tokenRequests: TokenRequestLog[] = [];
  apiRequests: ApiRequestLog[] = [];
  /** DPoP nonces: the current one and the one before it (Okta keeps accepting the previous nonce for a while). */
  dpopNonces: { current: string; previous?: string } = { current: opaque(24) };
  /** Stale copies served by `search` while `searchDelayMs` has not elapsed since a write (null = not yet indexed). */
  private readonly searchSnapshots = new Map<string, { json: Record<string, unknown> | null; untilMs: number }>();

  constructor(
    readonly id: string,
    /** Base URL every Okta path of this org lives under, e.g. `http://127.0.0.1:8789/o/ab12…`. */
    public orgUrl: string,
    nowMs: number,
    ambient: HookAmbient = { now: Date.now, fetch: (input, init) => fetch(input, init) },
  ) {
    const nowIso = new Date(nowMs).toISOString();
    this.eventHooks = new EventHooks(this, ambient);
    this.users = new UserStore(newUserTypeId());
    this.groups = new GroupStore(nowIso);
    this.authenticators = defaultAuthenticators(nowIso);
  }

  get tokenUrl(): string {
    return `${this.orgUrl}/oauth2/v1/token`;
  }

  seedUser(seed: UserSeed, nowMs: number): UserRecord {
    const nowIso = new Date(nowMs).toISOString();
    const groupIds = (seed.groups ?? []).map((ref) => this.groups.resolveOrCreate(ref, nowIso).id);
    const user = this.users.create(seed, groupIds, nowIso);
    this.noteChanged(user.id, null, nowMs);
    return user;
  }

  /** A user by id / login / shortname, with any due asynchronous transition applied. */
  resolveUser(ref: string, nowMs: number): UserRecord | undefined {
    const user = this.users.resolve(ref);
    if (user) settle(user, nowMs);
    return user;
  }

  /** After a write: `search` keeps answering with `before` until the index catches up. */
  noteChanged(userId: string, before: Record<string, unknown> | null, nowMs: number): void {
    if (this.options.searchDelayMs <= 0) return;
    const existing = this.searchSnapshots.get(userId);
    // Keep the oldest unexpired copy: the index has not seen any of the writes since.
    if (existing && existing.untilMs > nowMs) {
      existing.untilMs = nowMs + this.options.searchDelayMs;
      return;
    }
    this.searchSnapshots.set(userId, { json: before, untilMs: nowMs + this.options.searchDelayMs });
  }

  /** What `search` sees of a user: its indexed (possibly stale) JSON, or null while a new user is not indexed. */
  searchView(user: UserRecord, nowMs: number): Record<string, unknown> | null {
    const snapshot = this.searchSnapshots.get(user.id);
    if (snapshot && snapshot.untilMs > nowMs) return snapshot.json;
    if (snapshot) this.searchSnapshots.delete(user.id);
    return renderUser(user, this.orgUrl, { links: "self" });
  }

  rotateDpopNonce(): void {
    this.dpopNonces = { current: opaque(24), previous: this.dpopNonces.current };
  }

  acceptsDpopNonce(nonce: string | undefined): boolean {
    return nonce !== undefined && (nonce === this.dpopNonces.current || nonce === this.dpopNonces.previous);
  }

  /** "Expire all tokens now": every issued access token is expired from this instant. */
  expireAllTokens(nowMs: number): number {
    for (const token of this.accessTokens.values()) token.expiresAtMs = Math.min(token.expiresAtMs, nowMs - 1);
    return this.accessTokens.size;
  }
}
