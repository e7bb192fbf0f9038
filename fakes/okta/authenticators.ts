/**
 * The org's authenticators (`GET /api/v1/authenticators[/{id}]`, shapes from the spec's OrgAuthenticatorsEx example)
 * and the temporary access code enrollment (`POST /api/v1/users/{userId}/authenticator-enrollments/tac`).
 */
import { randomInt } from "node:crypto";
import { E } from "./errors";
import { newAuthenticatorId, newEnrollmentId } from "./ids";
import type { TacEnrollment, UserRecord } from "./users";

export type AuthenticatorRecord = Record<string, unknown> & { id: string; key: string; status: "ACTIVE" | "INACTIVE"; type: string; name: string };

export interface TacConfiguration {
  minTtl: number;
  maxTtl: number;
  defaultTtl: number;
  length: number;
  complexity: { numbers: boolean; letters: boolean; specialCharacters: boolean };
  multiUseAllowed: boolean;
}

export const DEFAULT_TAC_CONFIGURATION: TacConfiguration = {
  minTtl: 10,
  maxTtl: 14400,
  defaultTtl: 120,
  length: 8,
  complexity: { numbers: true, letters: true, specialCharacters: true },
  multiUseAllowed: true,
};

/** Okta Identity Engine's usual set: email, password, Okta Verify, phone (off), passkeys, temporary access code. */
export function defaultAuthenticators(nowIso: string): AuthenticatorRecord[] {
  const base = (key: string, type: string, name: string, status: "ACTIVE" | "INACTIVE" = "ACTIVE") => ({
    id: newAuthenticatorId(),
    key,
    type,
    name,
    status,
    created: nowIso,
    lastUpdated: nowIso,
  });
  return [
    { ...base("okta_email", "email", "Email"), settings: { allowedFor: "any", tokenLifetimeInMinutes: 5 } },
    base("okta_password", "password", "Password"),
    {
      ...base("okta_verify", "app", "Okta Verify"),
      settings: { channelBinding: { style: "NUMBER_CHALLENGE", required: "HIGH_RISK_ONLY" }, compliance: { fips: "OPTIONAL" }, userVerification: "PREFERRED" },
    },
    { ...base("phone_number", "phone", "Phone", "INACTIVE"), settings: { allowedFor: "none" } },
    base("webauthn", "security_key", "Security Key or Biometric"),
    { ...base("tac", "tac", "Temporary Access Code"), provider: { type: "tac", configuration: { ...DEFAULT_TAC_CONFIGURATION } } },
  ];
}

export function renderAuthenticator(authenticator: AuthenticatorRecord, orgUrl: string): Record<string, unknown> {
  const href = `${orgUrl}/api/v1/authenticators/${authenticator.id}`;
  const links: Record<string, unknown> = {
    self: { href, hints: { allow: ["GET", "PUT"] } },
    methods: { href: `${href}/methods`, hints: { allow: ["GET"] } },
  };
  if (authenticator.key !== "okta_password") {
    links[authenticator.status === "ACTIVE" ? "deactivate" : "activate"] = {
      href: `${href}/lifecycle/${authenticator.status === "ACTIVE" ? "deactivate" : "activate"}`,
      hints: { allow: ["POST"] },
    };
  }
  return { ...authenticator, _links: links };
}

const LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const NUMBERS = "23456789";
const SPECIAL = "!@#$%^&*";

function generateTac(configuration: TacConfiguration): string {
  const sets = [
    configuration.complexity.letters ? LETTERS : "",
    configuration.complexity.numbers ? NUMBERS : "",
    configuration.complexity.specialCharacters ? SPECIAL : "",
  ].filter((set) => set !== "");
  const alphabet = sets.join("") || LETTERS + NUMBERS;
  // One character of each required class, the rest from the whole alphabet, then shuffled.
  const chars = sets.map((set) => set[randomInt(set.length)]!);
  while (chars.length < configuration.length) chars.push(alphabet[randomInt(alphabet.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}

/**
 * Issues a TAC: `authenticatorId` must be the org's `tac` authenticator (400 E0000001 otherwise), `profile.ttl` a
 * string of minutes within the authenticator's minTtl…maxTtl (default defaultTtl), `profile.multiUse` a boolean
 * allowed by `multiUseAllowed`. A new code replaces the previous one. The code is returned only here.
 */
export function createTacEnrollment(
  user: UserRecord,
  body: unknown,
  authenticators: AuthenticatorRecord[],
  orgUrl: string,
  nowMs: number,
): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw E.validation("authenticatorId", ["authenticatorId: The field cannot be left blank"]);
  const { authenticatorId, profile } = body as { authenticatorId?: unknown; profile?: unknown };
  if (typeof authenticatorId !== "string" || authenticatorId === "") throw E.validation("authenticatorId", ["authenticatorId: The field cannot be left blank"]);
  const tac = authenticators.find((authenticator) => authenticator.id === authenticatorId);
  if (tac?.key !== "tac") throw E.validation("authenticatorId", ["authenticatorId: The authenticator is not a temporary access code authenticator"]);
  if (tac.status !== "ACTIVE") throw E.validation("authenticatorId", ["authenticatorId: The temporary access code authenticator is not active"]);
  const configuration = { ...DEFAULT_TAC_CONFIGURATION, ...((tac.provider as { configuration?: Partial<TacConfiguration> } | undefined)?.configuration ?? {}) };

  if (profile !== undefined && (typeof profile !== "object" || profile === null || Array.isArray(profile)))
    throw E.validation("profile", ["profile: Invalid value"]);
  const { ttl, multiUse } = (profile ?? {}) as { ttl?: unknown; multiUse?: unknown };
  let minutes = configuration.defaultTtl;
  if (ttl !== undefined) {
    if (typeof ttl !== "string" || !/^\d+$/.test(ttl)) throw E.validation("ttl", ["ttl: The value must be a number of minutes, as a string"]);
    minutes = Number(ttl);
    if (minutes < configuration.minTtl || minutes > configuration.maxTtl) {
      throw E.validation("ttl", [`ttl: The value must be between ${configuration.minTtl} and ${configuration.maxTtl} minutes`]);
    }
  }
  if (multiUse !== undefined && typeof multiUse !== "boolean") throw E.validation("multiUse", ["multiUse: The value must be a boolean"]);
  if (multiUse === true && !configuration.multiUseAllowed) throw E.validation("multiUse", ["multiUse: Multi-use codes are not allowed"]);

  const created = new Date(nowMs).toISOString();
  const enrollment: TacEnrollment = {
    id: newEnrollmentId(),
    tac: generateTac(configuration),
    multiUse: multiUse ?? false,
    created,
    expiresAt: new Date(nowMs + minutes * 60_000).toISOString(),
  };
  user.tac = enrollment;
  user.lastUpdated = created;
  return {
    id: enrollment.id,
    type: "tac",
    key: "tac",
    status: "ACTIVE",
    name: "Temporary Access Code",
    created,
    lastUpdated: created,
    profile: { tac: enrollment.tac, multiUse: enrollment.multiUse, expiresAt: enrollment.expiresAt },
    _links: {
      self: { href: `${orgUrl}/api/v1/users/${user.id}/authenticator-enrollments/${enrollment.id}`, hints: { allow: ["GET", "DELETE"] } },
      user: { href: `${orgUrl}/api/v1/users/${user.id}`, hints: { allow: ["GET"] } },
      authenticator: { href: `${orgUrl}/api/v1/authenticators/${tac.id}`, hints: { allow: ["GET"] } },
    },
  };
}
