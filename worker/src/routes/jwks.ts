import { z } from "zod";
import { JwksSchema } from "../../../shared/credentials";
import { AppError } from "../../../shared/errors";
import { CredentialIdSchema } from "../../../shared/ids";
import { OrgIdSchema } from "../../../shared/orgs";
import { declare, routeGroup, unknownWhenMalformed } from "../http/openapi";
import { publishedJwks } from "../okta/signing-keys";
import { getCredential } from "../storage/credentials";

/** Matches KEY_GRACE_MS (org/key-rotation.ts): a cache never holds a JWKS older than a rotation step. */
const JWKS_CACHE_CONTROL = "public, max-age=300";

const credential = z.object({ org: OrgIdSchema, id: CredentialIdSchema });
const unknown = unknownWhenMalformed({ org: ["credential_not_found", "no such credential"], id: ["credential_not_found", "no such credential"] });

/**
 * The public JWKS of an API Service credential, which Okta fetches ("Use a URL to fetch keys dynamically") to
 * verify our client assertions: active, next and retired keys, public members only (PublicJwkSchema is strict).
 * Public and unauthenticated by nature; an unknown organization, an unknown credential and an API-token
 * credential all get the same 404, so the route reveals nothing about which exist.
 */
export const jwksRoutes = routeGroup().openapi(
  declare({
    method: "get",
    path: "/{org}/credentials/{id}/jwks.json",
    tags: ["Okta credentials"],
    request: { params: credential },
    responses: {
      200: {
        description: "The credential's JWK Set: its active, next and retired keys, public members only.",
        headers: { "Cache-Control": { description: JWKS_CACHE_CONTROL, schema: { type: "string" } } },
        content: { "application/json": { schema: JwksSchema } },
      },
    },
  }),
  async (c) => {
    const { org, id } = c.req.valid("param");
    const found = await getCredential(c.get("env").CONFIG, org, id);
    if (found?.type !== "okta_api_service") throw new AppError("credential_not_found", "no such credential");
    return c.json(publishedJwks(found), 200, { "cache-control": JWKS_CACHE_CONTROL });
  },
  unknown,
);
