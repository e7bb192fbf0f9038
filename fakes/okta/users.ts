/**
 * The user directory of one fake org: records, lookup by id / login / login shortname (docs/okta.md, "Object IDs" and
 * §1.1), and the JSON Okta returns for a user, with the `_links` relations that are valid for the user's current
 * status.
 */
import { newUserId } from "./ids";

export const USER_STATUSES = ["ACTIVE", "DEPROVISIONED", "LOCKED_OUT", "PASSWORD_EXPIRED", "PROVISIONED", "RECOVERY", "STAGED", "SUSPENDED"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export type TransitioningToStatus = "ACTIVE" | "DEPROVISIONED" | "PROVISIONED";

export interface TacEnrollment {
  id: string;
  tac: string;
  multiUse: boolean;
  created: string;
  expiresAt: string;
}

export interface UserRecord {
  id: string;
  status: UserStatus;
  /** Set while an asynchronous activation/deactivation runs (org option `transitionDelayMs`). */
  transitioningToStatus?: TransitioningToStatus;
  pendingUntilMs?: number;
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  typeId: string;
  profile: Record<string, unknown>;
  hasPassword: boolean;
  /** Kept so a test can check what the worker set; never rendered. */
  passwordValue?: string;
  recoveryQuestion?: string;
  factorsEnrolled: number;
  groupIds: string[];
  tac?: TacEnrollment;
  /** The last `DELETE /api/v1/users/{userId}/sessions` (the fake keeps no sessions, only that they were revoked). */
  sessionsRevoked?: { at: string; oauthTokens: boolean; forgetDevices: boolean };
  /** Creation order: the default order of `GET /api/v1/users`. */
  seq: number;
}

/** What a test may seed (control API `POST …/users`). */
export interface UserSeed {
  id?: string;
  status?: UserStatus;
  profile: Record<string, unknown> & { login: string };
  factorsEnrolled?: number;
  /** Group ids or names; unknown names become new Okta groups. */
  groups?: string[];
  hasPassword?: boolean;
  recoveryQuestion?: string;
  created?: string;
  lastLogin?: string | null;
}

export class UserStore {
  private readonly byId = new Map<string, UserRecord>();
  private seq = 0;

  constructor(readonly defaultTypeId: string) {}

  all(): UserRecord[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq);
  }

  get(id: string): UserRecord | undefined {
    return this.byId.get(id);
  }

  create(seed: UserSeed, groupIds: string[], nowIso: string): UserRecord {
    const id = seed.id ?? newUserId();
    if (this.byId.has(id)) throw new Error(`a user with id ${id} exists`);
    const login = String(seed.profile.login);
    if (this.findByLogin(login)) throw new Error(`a user with login ${login} exists`);
    const status = seed.status ?? "ACTIVE";
    const created = seed.created ?? nowIso;
    const everActive = status !== "STAGED" && status !== "PROVISIONED";
    const user: UserRecord = {
      id,
      status,
      created,
      activated: everActive ? created : null,
      statusChanged: status === "STAGED" ? null : created,
      lastLogin: seed.lastLogin ?? null,
      lastUpdated: created,
      passwordChanged: (seed.hasPassword ?? status !== "STAGED") ? created : null,
      typeId: this.defaultTypeId,
      profile: { ...seed.profile },
      hasPassword: seed.hasPassword ?? (status !== "STAGED" && status !== "PROVISIONED"),
      recoveryQuestion: seed.recoveryQuestion,
      factorsEnrolled: seed.factorsEnrolled ?? 0,
      groupIds,
      seq: this.seq++,
    };
    this.byId.set(id, user);
    return user;
  }

  findByLogin(login: string): UserRecord | undefined {
    const wanted = login.toLowerCase();
    for (const user of this.byId.values()) if (String(user.profile.login).toLowerCase() === wanted) return user;
    return undefined;
  }

  /** `{id}` of the Users API: an id, a login, or a login shortname that is unambiguous. */
  resolve(ref: string): UserRecord | undefined {
    const byId = this.byId.get(ref);
    if (byId) return byId;
    const byLogin = this.findByLogin(ref);
    if (byLogin) return byLogin;
    if (ref.includes("@")) return undefined;
    const wanted = ref.toLowerCase();
    const matches = [...this.byId.values()].filter((user) => String(user.profile.login).toLowerCase().split("@")[0] === wanted);
    return matches.length === 1 ? matches[0] : undefined;
  }
}

/** Okta's `okta-response` options of the `Content-Type` request header (getUser, listUsers). */
export interface RenderOptions {
  links: "full" | "self";
  omitCredentials?: boolean;
  omitCredentialsLinks?: boolean;
  omitTransitioningToStatus?: boolean;
  expandBlocks?: boolean;
}

type Link = { href: string; method?: string };

/** Lifecycle relations and the statuses they are offered in; each matches what the operation accepts. */
const LIFECYCLE_LINKS: { rel: string; path: string; statuses: readonly UserStatus[]; credential?: boolean }[] = [
  { rel: "activate", path: "lifecycle/activate", statuses: ["STAGED", "DEPROVISIONED"] },
  { rel: "reactivate", path: "lifecycle/reactivate", statuses: ["PROVISIONED", "RECOVERY"] },
  { rel: "suspend", path: "lifecycle/suspend", statuses: ["ACTIVE"] },
  { rel: "unsuspend", path: "lifecycle/unsuspend", statuses: ["SUSPENDED"] },
  { rel: "unlock", path: "lifecycle/unlock", statuses: ["LOCKED_OUT"], credential: true },
  { rel: "deactivate", path: "lifecycle/deactivate", statuses: USER_STATUSES.filter((status) => status !== "DEPROVISIONED") },
  { rel: "resetPassword", path: "lifecycle/reset_password", statuses: ["ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT"], credential: true },
  { rel: "expirePassword", path: "lifecycle/expire_password", statuses: ["ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT"] },
  { rel: "forgotPassword", path: "credentials/forgot_password", statuses: ["ACTIVE"], credential: true },
  { rel: "changePassword", path: "credentials/change_password", statuses: ["ACTIVE", "PASSWORD_EXPIRED"], credential: true },
  { rel: "changeRecoveryQuestion", path: "credentials/change_recovery_question", statuses: ["ACTIVE"], credential: true },
];

/** Statuses in which `reset_factors` is accepted (and offered, when a factor is enrolled). */
export const RESET_FACTORS_STATUSES: readonly UserStatus[] = ["ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED"];

export function hasFactors(user: UserRecord): boolean {
  return user.factorsEnrolled > 0 || user.tac !== undefined;
}

export function userLinks(user: UserRecord, orgUrl: string, options: Pick<RenderOptions, "omitCredentialsLinks"> = {}): Record<string, Link> {
  const base = `${orgUrl}/api/v1/users/${user.id}`;
  const links: Record<string, Link> = {};
  for (const link of LIFECYCLE_LINKS) {
    if (!link.statuses.includes(user.status)) continue;
    if (link.credential && options.omitCredentialsLinks) continue;
    links[link.rel] = { href: `${base}/${link.path}`, method: "POST" };
  }
  if (hasFactors(user) && RESET_FACTORS_STATUSES.includes(user.status) && !options.omitCredentialsLinks) {
    links.resetFactors = { href: `${base}/lifecycle/reset_factors`, method: "POST" };
  }
  links.schema = { href: `${orgUrl}/api/v1/meta/schemas/user/osc${user.typeId.slice(3)}` };
  links.type = { href: `${orgUrl}/api/v1/meta/types/user/${user.typeId}` };
  links.self = { href: base };
  return links;
}

export function renderUser(user: UserRecord, orgUrl: string, options: RenderOptions): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: user.id,
    status: user.status,
    created: user.created,
    activated: user.activated,
    statusChanged: user.statusChanged,
    lastLogin: user.lastLogin,
    lastUpdated: user.lastUpdated,
    passwordChanged: user.passwordChanged,
    type: { id: user.typeId },
    profile: { ...user.profile },
  };
  if (user.transitioningToStatus && !options.omitTransitioningToStatus) json.transitioningToStatus = user.transitioningToStatus;
  if (!options.omitCredentials) {
    const credentials: Record<string, unknown> = {};
    // The password value is write-only: Okta shows that one is set, never what it is.
    if (user.hasPassword) credentials.password = {};
    if (user.recoveryQuestion !== undefined) credentials.recovery_question = { question: user.recoveryQuestion };
    credentials.provider = { type: "OKTA", name: "OKTA" };
    json.credentials = credentials;
  }
  if (options.expandBlocks) json._embedded = { blocks: [] };
  json._links = options.links === "full" ? userLinks(user, orgUrl, options) : { self: { href: `${orgUrl}/api/v1/users/${user.id}` } };
  return json;
}

/** The `okta-response=…` parameter of a `Content-Type` request header. */
export function parseOktaResponse(
  contentType: string | undefined,
): Pick<RenderOptions, "omitCredentials" | "omitCredentialsLinks" | "omitTransitioningToStatus"> {
  const match = /okta-response\s*=\s*"?([^";]*)"?/i.exec(contentType ?? "");
  const values = new Set((match?.[1] ?? "").split(",").map((value) => value.trim()));
  return {
    omitCredentials: values.has("omitCredentials"),
    omitCredentialsLinks: values.has("omitCredentialsLinks"),
    omitTransitioningToStatus: values.has("omitTransitioningToStatus"),
  };
}
