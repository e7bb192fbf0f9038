import { Hono } from "hono";
import { AppError } from "../../../shared/errors";
import { OrgIdSchema } from "../../../shared/orgs";
import type { HonoEnv } from "../http/context";
import { publishedJwks } from "../okta/signing-keys";
import { getCredential } from "../storage/credentials";

/** Matches KEY_GRACE_MS (org/key-rotation.ts): a cache never holds a JWKS older than a rotation step. */
const JWKS_CACHE_CONTROL = "public, max-age=300";

/**
 * The public JWKS of an API Service credential, which Okta fetches ("Use a URL to fetch keys dynamically") to
 * verify our client assertions: active, next and retired keys, public members only (PublicJwkSchema is strict).
 * Public and unauthenticated by nature; an unknown organization, an unknown credential and an API-token
 * credential all get the same 404, so the route reveals nothing about which exist.
 */
export const jwksRoutes = new Hono<HonoEnv>().get("/:org/credentials/:id/jwks.json", async (c) => {
  const org = OrgIdSchema.safeParse(c.req.param("org"));
  const credential = org.success ? await getCredential(c.get("env").CONFIG, org.data, c.req.param("id")) : null;
  if (credential?.type !== "okta_api_service") throw new AppError("credential_not_found", "no such credential");
  return c.json(publishedJwks(credential), 200, { "cache-control": JWKS_CACHE_CONTROL });
});
