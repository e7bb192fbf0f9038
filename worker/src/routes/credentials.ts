import { z } from "zod";
import {
  AddedKeySchema,
  CreateCredentialSchema,
  CreatedCredentialSchema,
  CredentialListSchema,
  CredentialViewSchema,
  ResealResultSchema,
} from "../../../shared/credentials";
import { CredentialIdSchema } from "../../../shared/ids";
import { OrgIdSchema } from "../../../shared/orgs";
import { requireBootstrap } from "../auth/require-role";
import { declare, json, jsonBody, routeGroup, unknownWhenMalformed } from "../http/openapi";
import { resealEverything } from "../org/reseal-everything";
import { orgScope, servicesOf } from "./org-scope";

const ForceQuerySchema = z.object({ force: z.enum(["true", "false"]).optional() });
const org = z.object({ org: OrgIdSchema });
const credential = org.extend({ id: CredentialIdSchema });
const key = credential.extend({ kid: z.string().min(1).max(100) });
const noContent = { 204: { description: "Done; no body." } };
const tags = ["Okta credentials"];
const unknown = unknownWhenMalformed({ id: ["credential_not_found", "no such credential"], kid: ["key_not_found", "no such key in this credential"] });

const admin = orgScope("admin");

/**
 * Okta credentials of an organization (admin only): create, list, delete, and rotate the client-authentication
 * key of an API Service credential (org/key-rotation.ts). No answer ever carries a secret or a private key, not
 * even to admins. Sealing, rotation, the audit and the gate's copy are the credential repository's.
 */
export const credentialRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      middleware: admin,
      path: "/api/orgs/{org}/credentials",
      tags,
      request: { params: org },
      responses: { 200: json(CredentialListSchema, "The credentials.") },
    }),
    async (c) => {
      const { credentials } = servicesOf(c);
      return c.json({ credentials: (await credentials.list()).map((one) => credentials.view(one)) }, 200);
    },
  )
  .openapi(
    declare({
      method: "post",
      middleware: admin,
      path: "/api/orgs/{org}/credentials",
      tags,
      request: { params: org, body: jsonBody(CreateCredentialSchema) },
      responses: { 201: json(CreatedCredentialSchema, "The credential, and what to set up in Okta Admin (answered once).") },
    }),
    async (c) => {
      const { credentials } = servicesOf(c);
      const { credential: created, oktaSetup } = await credentials.create(c.req.valid("json"));
      return c.json({ ...credentials.view(created), oktaSetup }, 201);
    },
  )
  .openapi(
    declare({
      method: "get",
      middleware: admin,
      path: "/api/orgs/{org}/credentials/{id}",
      tags,
      request: { params: credential },
      responses: { 200: json(CredentialViewSchema, "The credential.") },
    }),
    async (c) => {
      const { credentials } = servicesOf(c);
      return c.json(credentials.view(await credentials.get(c.req.valid("param").id)), 200);
    },
    unknown,
  )
  .openapi(
    declare({ method: "delete", middleware: admin, path: "/api/orgs/{org}/credentials/{id}", tags, request: { params: credential }, responses: noContent }),
    async (c) => {
      await servicesOf(c).credentials.remove(c.req.valid("param").id);
      return c.body(null, 204);
    },
    unknown,
  )
  /** Starts a rotation: a new `next` key (same algorithm as the active one), published in the JWKS at once. */
  .openapi(
    declare({
      method: "post",
      middleware: admin,
      path: "/api/orgs/{org}/credentials/{id}/keys",
      tags,
      request: { params: credential },
      responses: { 201: json(AddedKeySchema, "The credential with its new `next` key, already in the JWKS.") },
    }),
    async (c) => {
      const { credentials } = servicesOf(c);
      const { credential: updated, kid } = await credentials.addKey(c.req.valid("param").id);
      return c.json({ ...credentials.view(updated), kid }, 201);
    },
    unknown,
  )
  /** Switches signing to `kid` (a `next` key, or a `retired` one to roll back); the active one becomes `retired`. */
  .openapi(
    declare({
      method: "post",
      middleware: admin,
      path: "/api/orgs/{org}/credentials/{id}/keys/{kid}/activate",
      tags,
      request: { params: key, query: ForceQuerySchema },
      responses: { 200: json(CredentialViewSchema, "The credential; `kid` now signs.") },
    }),
    async (c) => {
      const { credentials } = servicesOf(c);
      const { id, kid } = c.req.valid("param");
      return c.json(credentials.view(await credentials.activateKey(id, kid, c.req.valid("query").force === "true")), 200);
    },
    unknown,
  )
  /** Removes a retired key from the JWKS, after the grace period; the active and next keys cannot be deleted. */
  .openapi(
    declare({
      method: "delete",
      middleware: admin,
      path: "/api/orgs/{org}/credentials/{id}/keys/{kid}",
      tags,
      request: { params: key, query: ForceQuerySchema },
      responses: noContent,
    }),
    async (c) => {
      const { id, kid } = c.req.valid("param");
      await servicesOf(c).credentials.deleteKey(id, kid, c.req.valid("query").force === "true");
      return c.body(null, 204);
    },
    unknown,
  )
  /** Step 2 of an ENCRYPTION_KEYS rotation (org/reseal-everything.ts). Platform operators only (they hold the key). */
  .openapi(
    declare({ method: "post", path: "/api/credentials/reseal", tags, responses: { 200: json(ResealResultSchema, "How many stored secrets were resealed.") } }),
    async (c) => {
      requireBootstrap(c);
      return c.json(await resealEverything(c.get("env"), c.get("nowMs")), 200);
    },
  );
