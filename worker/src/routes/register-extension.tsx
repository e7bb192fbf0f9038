import type { FC } from "hono/jsx";
import { z } from "zod";
import { AppError } from "../../../shared/errors";
import { ExtensionIdSchema, MAX_EXTENSION_IDS, OrgIdSchema } from "../../../shared/orgs";
import { sessionFromCookie } from "../auth/authenticate";
import { declare, routeGroup } from "../http/openapi";
import { securePage } from "../http/page-security";
import { OrgSignInPage } from "./org-home-page";
import { orgOf, orgScope, publicOrg, servicesOf } from "./org-scope";
import { Layout } from "./pages";

const html = (description: string) => ({ description, content: { "text/html": { schema: { type: "string" as const } } } });
const form = z.strictObject({ id: ExtensionIdSchema });

const registerPath = (orgId: string, id: string) => `/${orgId}/extensions/register?id=${encodeURIComponent(id)}`;

/**
 * Registering a browser extension with an organization from a browser, for the first extension of all: the
 * extension cannot sign in before its ID is registered, so its options page links here (docs/extension.md §3). A
 * visitor without this organization's session gets the sign-in link, which comes back to this page; a member who is
 * not an admin is told who can; an admin confirms with one button, a same-origin form post (the cookie's CSRF rule
 * applies: auth/credential-claim.ts). The ID is validated before anything is shown, so the page never echoes
 * anything but an extension ID.
 */
export const registerExtensionRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      path: "/{org}/extensions/register",
      middleware: publicOrg,
      tags: ["Sign-in"],
      request: { params: z.object({ org: OrgIdSchema }), query: form },
      responses: {
        200: html("The confirmation for an admin, or the sign-in link."),
        403: html("Signed in without the admin role."),
      },
    }),
    async (c) => {
      const record = orgOf(c);
      const orgId = record.settings.id;
      const { id } = c.req.valid("query");
      securePage(c);
      const session = await sessionFromCookie(c);
      if (!session || session.orgId !== orgId) {
        const loginHref = record.idp ? `/${orgId}/login?RelayState=${encodeURIComponent(registerPath(orgId, id))}` : null;
        return c.html(<OrgSignInPage orgId={orgId} loginHref={loginHref} />, 200);
      }
      if (session.role !== "admin") return c.html(<NotAdminPage orgId={orgId} id={id} />, 403);
      const registered = record.settings.extensionIds.includes(id);
      const full = !registered && record.settings.extensionIds.length >= MAX_EXTENSION_IDS;
      return c.html(<ConfirmPage orgId={orgId} id={id} registered={registered} full={full} />, 200);
    },
  )
  .openapi(
    declare({
      method: "post",
      path: "/api/orgs/{org}/extension-ids",
      middleware: orgScope("admin"),
      tags: ["Organizations"],
      request: {
        params: z.object({ org: OrgIdSchema }),
        body: { required: true, content: { "application/x-www-form-urlencoded": { schema: form } } },
      },
      responses: { 303: { description: "Registered (or already was): back to the registration page, which says so." } },
    }),
    async (c) => {
      const record = orgOf(c);
      // A required body: another content type (JSON) is refused by the declared validation too (a test holds it).
      const { id } = c.req.valid("form");
      const ids = record.settings.extensionIds;
      if (!ids.includes(id)) {
        if (ids.length >= MAX_EXTENSION_IDS) throw new AppError("invalid_request", `at most ${MAX_EXTENSION_IDS} extensions can be registered`);
        await servicesOf(c).settings.update({ extensionIds: [...ids, id] });
      }
      return c.redirect(registerPath(record.settings.id, id), 303);
    },
  );

const NotAdminPage: FC<{ orgId: string; id: string }> = ({ orgId, id }) => (
  <Layout title="Register an extension">
    <h1>Register an extension</h1>
    <p>
      Only an administrator of <code>{orgId}</code> can register the extension <code>{id}</code>. Send them this page's address.
    </p>
  </Layout>
);

const ConfirmPage: FC<{ orgId: string; id: string; registered: boolean; full: boolean }> = ({ orgId, id, registered, full }) => (
  <Layout title="Register an extension">
    <h1>Register an extension</h1>
    {registered ? (
      <p id="registered">
        The extension <code>{id}</code> is registered with <code>{orgId}</code>: it can sign in now. Go back to its options page and sign in.
      </p>
    ) : full ? (
      <p id="full">
        <code>{orgId}</code> already has {MAX_EXTENSION_IDS} registered extensions: remove one first (<code>PATCH /api/orgs/{orgId}</code>).
      </p>
    ) : (
      <form method="post" action={`/api/orgs/${orgId}/extension-ids`}>
        <p>
          Allow the browser extension <code>{id}</code> to sign in to <code>{orgId}</code>? Register only an extension you installed yourself: a registered
          extension receives the sign-in of whoever uses it.
        </p>
        <input type="hidden" name="id" value={id} />
        <button type="submit" id="register">
          Register this extension
        </button>
      </form>
    )}
  </Layout>
);
