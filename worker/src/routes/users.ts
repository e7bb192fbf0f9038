import { Hono } from "hono";
import { AppError } from "../../../shared/errors";
import { CreateUserRequestSchema, UpdateUserRequestSchema, type User, type UserList } from "../../../shared/users";
import { orgStore } from "../auth/org-store";
import { requireOrgRole } from "../auth/require-role";
import type { HonoEnv } from "../http/context";
import { readJson } from "../http/read-json";
import { loadOrg } from "./load-org";

/** The organization's users: list, pre-provision with a role, change a role, disable (admin only). */
export const userRoutes = new Hono<HonoEnv>()
  .get("/api/orgs/:org/users", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    return c.json({ users: await orgStore(c.get("env"), settings.id).listUsers() } satisfies UserList);
  })
  .post("/api/orgs/:org/users", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    const input = await readJson(c, CreateUserRequestSchema);
    const result = await orgStore(c.get("env"), settings.id).createUser(input.email, input.role, c.get("nowMs"));
    if (!result.ok) throw new AppError("user_exists", "a user with this email exists");
    return c.json(result.user satisfies User, 201);
  })
  .patch("/api/orgs/:org/users/:userId", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    const patch = await readJson(c, UpdateUserRequestSchema);
    const user = await orgStore(c.get("env"), settings.id).updateUser(c.req.param("userId"), patch, c.get("nowMs"));
    if (!user) throw new AppError("user_not_found", "no such user");
    return c.json(user satisfies User);
  });
