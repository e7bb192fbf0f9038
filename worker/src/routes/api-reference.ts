import { Scalar } from "@scalar/hono-api-reference";
import { FRONT_DOOR_LINKS } from "../../../shared/front-door";
import type { HonoEnv } from "../http/context";
import { declare, routeGroup } from "../http/openapi";
import { apiReferenceCsp, newCspNonce, SCALAR_CDN_ORIGIN, securePage } from "../http/page-security";

/**
 * Scalar's standalone (UMD) bundle, pinned. @scalar/hono-api-reference only renders the HTML that loads it: the
 * bundle itself (@scalar/api-reference) is not among our dependencies, so it cannot be served from the worker.
 * Pinning the version means a new upstream release is not picked up unseen; the nonce, not the CDN's origin, is
 * what the page's policy trusts (http/page-security.ts).
 */
export const SCALAR_BUNDLE_URL = `${SCALAR_CDN_ORIGIN}/npm/@scalar/api-reference@1.76.0`;

/** What the page loads and what it switches off, so that it talks to this origin only. */
function scalarPage(nonce: string) {
  return Scalar<HonoEnv>({
    url: FRONT_DOOR_LINKS.openapi,
    pageTitle: "Persona Okta Companion API",
    cdn: SCALAR_BUNDLE_URL,
    nonce,
    // Fonts would come from fonts.scalar.com, telemetry and the AI agent would call Scalar's servers: all off.
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
  });
}

/** `GET /docs/api`: the interactive reference of `/openapi.json` (public, like the document). */
export const apiReferenceRoutes = routeGroup().openapi(
  declare({
    method: "get",
    path: "/docs/api",
    tags: ["Pages"],
    responses: {
      200: {
        description: "The API reference page (Scalar), rendering /openapi.json, under a nonce-based Content-Security-Policy.",
        content: { "text/html": { schema: { type: "string" as const } } },
      },
    },
  }),
  async (c) => {
    const nonce = newCspNonce();
    securePage(c, apiReferenceCsp(nonce));
    const page = await scalarPage(nonce)(c, async () => {});
    if (!page) throw new Error("the API reference rendered nothing");
    return page;
  },
);
