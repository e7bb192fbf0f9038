import { z } from "zod";
import { OKTA_USER_ID } from "./id-patterns";

/**
 * The ID formats the worker and the extension accept, each defined once. Every one is also what may go into a URL
 * path: nothing else can reach an upstream path segment.
 */

/** A credential of ours: `cred_` and 32 lowercase hex digits (16 random bytes). */
export const CredentialIdSchema = z.string().regex(/^cred_[0-9a-f]{32}$/);

/** Any Okta object ID (an authenticator, a user type, …): Okta's IDs are short alphanumeric strings. */
export const OktaIdSchema = z.string().regex(/^[A-Za-z0-9]{1,64}$/, "an Okta ID");

/**
 * An Okta user ID (`00u` and 17 alphanumerics) and nothing else. Okta's `/users/{id}` also resolves a login, so a caller who may only name users
 * by ID (a webhook rule, whose target comes from Persona's `reference-id`; the overlay, which reads it off the
 * console's URL) must not be able to name one by login.
 */
export const OktaUserIdSchema = z.string().regex(OKTA_USER_ID, "an Okta user ID (00u…)");

/** An Okta user ID (`00u…`) or login; the worker URL-encodes it into the path. */
export const OktaUserRefSchema = z
  .string()
  .min(1)
  .max(256)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern refuses.
  .regex(/^[^\u0000-\u001f\u007f/\\]+$/, "an Okta user ID or login");

/** Persona object IDs: a type prefix and an opaque part (`act_…`, `case_…`, `inq_…`). Nothing else goes in a path. */
export const PersonaIdSchema = z.string().regex(/^[a-z]{2,12}_[A-Za-z0-9]{1,64}$/);

/** Standard base64 (an X.509 certificate's DER, a sealed secret), non-empty. */
export const Base64Schema = z.base64().min(1);
