import { z } from "zod";
import { OrgIdSchema } from "./orgs";
import { RoleSchema } from "./roles";

/** base64url without padding, `length` characters (a SHA-256 digest or 32 random bytes is 43). */
const b64url = (length: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));

/** `POST /api/extension/token`: the one-time code from the ACS redirect, exchanged with its PKCE verifier. */
export const ExtensionTokenRequestSchema = z.strictObject({
  orgId: OrgIdSchema,
  code: b64url(43),
  /** RFC 7636 §4.1: 43–128 unreserved characters. */
  code_verifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/),
  redirect_uri: z.string().min(1).max(512),
});
export type ExtensionTokenRequest = z.infer<typeof ExtensionTokenRequestSchema>;

/** The bearer session: `Authorization: Bearer <token>` until `expiresAt` (or sign-out, or the user is disabled). */
export const ExtensionTokenResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  email: z.string(),
  role: RoleSchema,
  orgId: OrgIdSchema,
});
export type ExtensionTokenResponse = z.infer<typeof ExtensionTokenResponseSchema>;

export const CODE_CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
