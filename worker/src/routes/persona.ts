import { z } from "zod";
import { OrgIdSchema } from "../../../shared/orgs";
import { PatchPersonaSchema, PersonaTestResultSchema, PersonaViewSchema, PutPersonaSchema } from "../../../shared/persona";
import { declare, json, jsonBody, routeGroup } from "../http/openapi";
import { orgScope, servicesOf } from "./org-scope";

const org = z.object({ org: OrgIdSchema });
const tags = ["Persona"];
const admin = orgScope("admin");

/**
 * The organization's Persona connection (admin only): the API key is sealed at rest, for its host only, and never
 * answered, not even to admins (org/persona-repository.ts). Any change reaches the organization's gate at once.
 */
export const personaRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      middleware: admin,
      path: "/api/orgs/{org}/persona",
      tags,
      request: { params: org },
      responses: { 200: json(PersonaViewSchema, "The connection (never the key), or `configured: false`.") },
    }),
    async (c) => c.json(await servicesOf(c).persona.view(), 200),
  )
  .openapi(
    declare({
      method: "put",
      middleware: admin,
      path: "/api/orgs/{org}/persona",
      tags,
      request: { params: org, body: jsonBody(PutPersonaSchema) },
      responses: { 200: json(PersonaViewSchema, "The connection as now stored (never the key).") },
    }),
    async (c) => c.json(await servicesOf(c).persona.set(c.req.valid("json")), 200),
  )
  .openapi(
    declare({
      method: "patch",
      middleware: admin,
      path: "/api/orgs/{org}/persona",
      tags,
      request: { params: org, body: jsonBody(PatchPersonaSchema) },
      responses: { 200: json(PersonaViewSchema, "The connection with its new settings (never the key).") },
    }),
    async (c) => c.json(await servicesOf(c).persona.update(c.req.valid("json")), 200),
  )
  .openapi(
    declare({
      method: "delete",
      middleware: admin,
      path: "/api/orgs/{org}/persona",
      tags,
      request: { params: org },
      responses: { 204: { description: "Disconnected; no body." } },
    }),
    async (c) => {
      await servicesOf(c).persona.remove();
      return c.body(null, 204);
    },
  )
  /** "Test": whether Persona accepts the stored key, with Persona's title and the fix when it does not (audited). */
  .openapi(
    declare({
      method: "post",
      middleware: admin,
      path: "/api/orgs/{org}/persona/test",
      tags,
      request: { params: org },
      responses: { 200: json(PersonaTestResultSchema, "Whether the key works, and the fix when it does not.") },
    }),
    async (c) => c.json(await servicesOf(c).persona.test(), 200),
  );
