import { z } from "zod";
import { OrgIdSchema } from "../../../shared/orgs";
import { sessionFromCookie } from "../auth/authenticate";
import { baseUrl } from "../http/context";
import { declare, routeGroup } from "../http/openapi";
import { securePage } from "../http/page-security";
import { OrgSignInPage, OrgStatusPage } from "./org-home-page";
import { orgOf, publicOrg } from "./org-scope";
import { readOrgSetupStatus } from "./org-setup-status";

const html = (description: string) => ({ description, content: { "text/html": { schema: { type: "string" as const } } } });

/**
 * `GET /{org}/`, where a sign-in lands: for a member with this organization's session cookie, who they are and
 * the organization's setup checklist; for anyone else, the sign-in link and nothing of the setup. An unknown or
 * malformed ID answers the same 404 as every public organization route (publicOrg), before the cookie is read.
 */
export const orgHomeRoutes = routeGroup().openapi(
  declare({
    method: "get",
    path: "/{org}/",
    middleware: publicOrg,
    tags: ["Sign-in"],
    request: { params: z.object({ org: OrgIdSchema }) },
    responses: {
      200: html("Signed in to this organization: who you are and its setup status. Otherwise: the sign-in link only."),
    },
  }),
  async (c) => {
    const record = orgOf(c);
    const orgId = record.settings.id;
    securePage(c);
    const session = await sessionFromCookie(c);
    if (!session || session.orgId !== orgId) {
      // Built from the stored ID, never the raw path segment (see session.tsx): the link cannot leave our origin.
      const loginHref = record.idp ? `/${orgId}/login?RelayState=/${orgId}/` : null;
      return c.html(<OrgSignInPage orgId={orgId} loginHref={loginHref} />, 200);
    }
    const status = await readOrgSetupStatus(c.get("env"), record, c.get("nowMs"));
    return c.html(
      <OrgStatusPage org={{ id: orgId, name: record.settings.name }} email={session.email} role={session.role} base={baseUrl(c)} status={status} />,
      200,
    );
  },
);
