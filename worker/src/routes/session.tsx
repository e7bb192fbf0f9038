import { deleteCookie } from "hono/cookie";
import { z } from "zod";
import { AppError } from "../../../shared/errors";
import { OrgIdSchema } from "../../../shared/orgs";
import { type Me, MeSchema } from "../../../shared/users";
import { sessionFromCookie } from "../auth/authenticate";
import { requirePrincipal } from "../auth/require-role";
import { SESSION_COOKIE } from "../auth/session-token";
import { baseUrl } from "../http/context";
import { declare, json, routeGroup } from "../http/openapi";
import { orgStore } from "../storage/org-store-client";
import { orgOf, publicOrg } from "./org-scope";
import { LandingPage } from "./pages";

const org = z.object({ org: OrgIdSchema });
const tags = ["Sign-in"];
const html = (description: string) => ({ description, content: { "text/html": { schema: { type: "string" as const } } } });

export const sessionRoutes = routeGroup()
  .openapi(declare({ method: "get", path: "/api/me", tags, responses: { 200: json(MeSchema, "Who the session is.") } }), (c) => {
    const principal = requirePrincipal(c);
    if (principal.kind !== "session") throw new AppError("forbidden", "the bootstrap credential is not a user");
    const me: Me = { email: principal.email, role: principal.role, orgId: principal.orgId };
    return c.json(me, 200);
  })
  /** Ends the session server-side (the token is useless from now on) and clears the cookie. */
  .openapi(
    declare({
      method: "post",
      path: "/api/logout",
      tags,
      responses: { 204: { description: "Signed out." }, 303: { description: "Signed out (a browser form): back to the start." } },
    }),
    async (c) => {
      const principal = requirePrincipal(c);
      if (principal.kind === "session") await orgStore(c.get("env"), principal.orgId).endSession(principal.tokenHash);
      deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
      if ((c.req.header("accept") ?? "").includes("text/html")) return c.redirect("/", 303);
      return c.body(null, 204);
    },
  )
  /** Landing page after sign-in; without a session for this organization, start one. */
  // The ID that goes into Location is the validated, stored one: the raw segment is decoded (%0D%0A, %2F), so
  // echoing it broke the header or sent the browser to //evil.example/.
  .openapi(
    declare({
      method: "get",
      path: "/{org}",
      middleware: publicOrg,
      tags,
      request: { params: org },
      responses: { 301: { description: "To the organization's landing page." } },
    }),
    (c) => c.redirect(`/${orgOf(c).settings.id}/`, 301),
  )
  .openapi(
    declare({
      method: "get",
      path: "/{org}/",
      middleware: publicOrg,
      tags,
      request: { params: org },
      responses: { 200: html("Who is signed in, and how to use the extension."), 302: { description: "No session for this organization: to its sign-in." } },
    }),
    async (c) => {
      const record = orgOf(c);
      const session = await sessionFromCookie(c);
      if (!session || session.orgId !== record.settings.id) return c.redirect(`/${record.settings.id}/login`, 302);
      c.header("cache-control", "no-store");
      return c.html(<LandingPage email={session.email} role={session.role} orgId={session.orgId} orgName={record.settings.name} base={baseUrl(c)} />, 200);
    },
  );
