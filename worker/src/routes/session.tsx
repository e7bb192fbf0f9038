import { Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import { AppError } from "../../../shared/errors";
import type { Me } from "../../../shared/users";
import { sessionFromCookie } from "../auth/authenticate";
import { requirePrincipal } from "../auth/require-role";
import { SESSION_COOKIE } from "../auth/session-token";
import { baseUrl, type HonoEnv } from "../http/context";
import { orgStore } from "../storage/org-store-client";
import { loadOrg } from "./load-org";
import { LandingPage } from "./pages";

export const sessionRoutes = new Hono<HonoEnv>()
  .get("/api/me", (c) => {
    const principal = requirePrincipal(c);
    if (principal.kind !== "session") throw new AppError("forbidden", "the bootstrap credential is not a user");
    const me: Me = { email: principal.email, role: principal.role, orgId: principal.orgId };
    return c.json(me);
  })
  /** Ends the session server-side (the token is useless from now on) and clears the cookie. */
  .post("/api/logout", async (c) => {
    const principal = requirePrincipal(c);
    if (principal.kind === "session") await orgStore(c.get("env"), principal.orgId).endSession(principal.tokenHash);
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
    if ((c.req.header("accept") ?? "").includes("text/html")) return c.redirect("/", 303);
    return c.body(null, 204);
  })
  /** Landing page after sign-in; without a session for this organization, start one. */
  // The ID that goes into Location is the validated, stored one: the raw segment is decoded (%0D%0A, %2F), so
  // echoing it broke the header or sent the browser to //evil.example/.
  .get("/:org", async (c) => c.redirect(`/${(await loadOrg(c, c.req.param("org"))).settings.id}/`, 301))
  .get("/:org/", async (c) => {
    const record = await loadOrg(c, c.req.param("org"));
    const session = await sessionFromCookie(c);
    if (!session || session.orgId !== record.settings.id) return c.redirect(`/${record.settings.id}/login`, 302);
    c.header("cache-control", "no-store");
    return c.html(<LandingPage email={session.email} role={session.role} orgId={session.orgId} orgName={record.settings.name} base={baseUrl(c)} />);
  });
