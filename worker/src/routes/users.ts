import { Hono } from "hono";
import { AppError } from "../../../shared/errors";
import { CreateUserRequestSchema, UpdateUserRequestSchema, type User, type UserList } from "../../../shared/users";
import { requireOrgRole } from "../auth/require-role";
import { auditChange } from "../http/audit-change";
import type { HonoEnv } from "../http/context";
import { readJson } from "../http/read-json";
import { orgStore } from "../storage/org-store-client";
import { userSummary } from "./change-summaries";
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
    await auditChange(c, { orgId: settings.id, action: "user_create", before: null, after: userSummary(result.user), status: 201 });
    return c.json(result.user satisfies User, 201);
  })
  .patch("/api/orgs/:org/users/:userId", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    const patch = await readJson(c, UpdateUserRequestSchema);
    const change = await orgStore(c.get("env"), settings.id).updateUser(c.req.param("userId"), patch, c.get("nowMs"));
    if (!change) throw new AppError("user_not_found", "no such user");
    const { before, after } = change;
    // The user stays named on both sides, so the entry says whose role changed.
    await auditChange(c, {
      orgId: settings.id,
      action: "user_update",
      before: userSummary(before),
      after: userSummary(after),
      status: 200,
      keep: ["user", "userId"],
    });
    return c.json(after satisfies User);
  });
