import { z } from "zod";
import { OrgIdSchema } from "../../../shared/orgs";
import { CreateUserRequestSchema, UpdateUserRequestSchema, UserListSchema, UserSchema } from "../../../shared/users";
import { declare, json, jsonBody, routeGroup, unknownWhenMalformed } from "../http/openapi";
import { orgScope, servicesOf } from "./org-scope";

const org = z.object({ org: OrgIdSchema });
const user = org.extend({ userId: z.string().min(1).max(100) });
const tags = ["Users"];
const unknown = unknownWhenMalformed({ userId: ["user_not_found", "no such user"] });
const admin = orgScope("admin");

/** The organization's users: list, pre-provision with a role, change a role, disable (admin only, audited). */
export const userRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      middleware: admin,
      path: "/api/orgs/{org}/users",
      tags,
      request: { params: org },
      responses: { 200: json(UserListSchema, "The users, ordered by email.") },
    }),
    async (c) => c.json({ users: await servicesOf(c).users.list() }, 200),
  )
  .openapi(
    declare({
      method: "post",
      middleware: admin,
      path: "/api/orgs/{org}/users",
      tags,
      request: { params: org, body: jsonBody(CreateUserRequestSchema) },
      responses: { 201: json(UserSchema, "The pre-provisioned user.") },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return c.json(await servicesOf(c).users.create(input.email, input.role), 201);
    },
  )
  .openapi(
    declare({
      method: "patch",
      middleware: admin,
      path: "/api/orgs/{org}/users/{userId}",
      tags,
      request: { params: user, body: jsonBody(UpdateUserRequestSchema) },
      responses: { 200: json(UserSchema, "The user as now stored.") },
    }),
    async (c) => c.json(await servicesOf(c).users.update(c.req.valid("param").userId, c.req.valid("json")), 200),
    unknown,
  );
