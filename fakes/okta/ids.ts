/** Okta-shaped identifiers and opaque random values (crypto-random, never predictable across runs). */
import { randomBytes, randomInt } from "node:crypto";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `count` random characters of [A-Za-z0-9]. */
export function alnum(count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}

/** Okta object ids are a 3-character type prefix plus 17 alphanumerics (20 in all), e.g. `00ub0oNGTSWTBKOLGLNR`. */
export const newUserId = (): string => `00u${alnum(17)}`;
export const newGroupId = (): string => `00g${alnum(17)}`;
export const newAuthenticatorId = (): string => `aut${alnum(17)}`;
export const newClientId = (): string => `0oa${alnum(17)}`;
export const newEnrollmentId = (): string => `tac${alnum(17)}`;
export const newUserTypeId = (): string => `oty${alnum(17)}`;

/** `X-Okta-Request-Id` values look like `aBcD…` (27 url-safe characters). */
export const newRequestId = (): string => randomBytes(20).toString("base64url").slice(0, 27);
/** `errorId` of an error body, e.g. `oaeDd77L9R-TJaD7j_rXsQ31w`. */
export const newErrorId = (): string => `oae${randomBytes(17).toString("base64url").slice(0, 22)}`;
/** Opaque secrets: access tokens, API tokens, activation tokens, DPoP nonces. */
export const opaque = (bytes = 32): string => randomBytes(bytes).toString("base64url");
/** A fake org's path segment: lower-case so it is also a valid DNS label. */
export const newOrgId = (): string => randomBytes(9).toString("hex");
