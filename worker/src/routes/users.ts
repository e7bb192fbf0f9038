import { Hono } from "hono";
import { CreateUserRequestSchema, UpdateUserRequestSchema, type User, type UserList } from "../../../shared/users";
import type { HonoEnv } from "../http/context";
import { readJson } from "../http/read-json";
import { orgScope, servicesOf } from "./org-scope";

/** The organization's users: list, pre-provision with a role, change a role, disable (admin only, audited). */
export const userRoutes = new Hono<HonoEnv>()
  .use("/api/orgs/:org/users", orgScope("admin"))
  .use("/api/orgs/:org/users/:userId", orgScope("admin"))
  .get("/api/orgs/:org/users", async (c) => c.json({ users: await servicesOf(c).users.list() } satisfies UserList))
  .post("/api/orgs/:org/users", async (c) => {
    const input = await readJson(c, CreateUserRequestSchema);
    return c.json((await servicesOf(c).users.create(input.email, input.role)) satisfies User, 201);
  })
  .patch("/api/orgs/:org/users/:userId", async (c) => {
    const patch = await readJson(c, UpdateUserRequestSchema);
    return c.json((await servicesOf(c).users.update(c.req.param("userId"), patch)) satisfies User);
  });
