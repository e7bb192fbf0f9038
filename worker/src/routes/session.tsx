import { deleteCookie } from "hono/cookie";
import { z } from "zod";
import { AppError } from "../../../shared/errors";
import { OrgIdSchema } from "../../../shared/orgs";
import { type Me, MeSchema } from "../../../shared/users";
import { requirePrincipal } from "../auth/require-role";
import { SESSION_COOKIE } from "../auth/session-token";
import { baseUrl } from "../http/context";
import { declare, json, routeGroup } from "../http/openapi";
import { spLogoutRedirect } from "../saml/slo-start";
import { orgStore } from "../storage/org-store-client";
import { loadOrg } from "./load-org";
import { orgOf, publicOrg } from "./org-scope";

const org = z.object({ org: OrgIdSchema });
const tags = ["Sign-in"];

export const sessionRoutes = routeGroup()
  .openapi(declare({ method: "get", path: "/api/me", tags, responses: { 200: json(MeSchema, "Who the session is.") } }), (c) => {
    const principal = requirePrincipal(c);
    if (principal.kind !== "session") throw new AppError("forbidden", "the bootstrap credential is not a user");
    const me: Me = { email: principal.email, role: principal.role, orgId: principal.orgId };
    return c.json(me, 200);
  })
  /**
   * Ends the session server-side (the token is useless from now on) and clears the cookie. A browser form of an
   * organization with single logout on (docs/saml-checks.md, "Single logout") is then sent to the IdP with a signed
   * LogoutRequest for the assertion that started the session; the IdP answers at `/{org}/slo`.
   */
  .openapi(
    declare({
      method: "post",
      path: "/api/logout",
      tags,
      responses: {
        204: { description: "Signed out." },
        303: { description: "Signed out (a browser form): back to the start, or on to the IdP with a signed LogoutRequest (single logout)." },
      },
    }),
    async (c) => {
      const principal = requirePrincipal(c);
      const store = principal.kind === "session" ? orgStore(c.get("env"), principal.orgId) : undefined;
      const session = principal.kind === "session" ? await store!.endSessionForLogout(principal.tokenHash) : null;
      deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
      if (!(c.req.header("accept") ?? "").includes("text/html")) return c.body(null, 204);
      if (principal.kind !== "session" || !session) return c.redirect("/", 303);
      const org = await loadOrg(c, principal.orgId);
      const location = await spLogoutRedirect({ env: c.get("env"), org, session, base: baseUrl(c), nowMs: c.get("nowMs"), store: store! });
      c.header("cache-control", "no-store");
      return c.redirect(location ?? "/", 303);
    },
  )
  /** To the landing page (routes/org-home.tsx), which needs the trailing slash. */
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
  );
