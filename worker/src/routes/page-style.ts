import { declare, routeGroup } from "../http/openapi";
import { WORKER_VERSION } from "../version";

/**
 * The one stylesheet of the worker's pages (routes/pages.tsx). A file rather than an inline `<style>`, so the
 * pages' policy (http/page-security.ts) allows styles from this origin only, with no `'unsafe-inline'`.
 */
const CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1b1b1f}
code{background:#f1f1f4;padding:.1rem .3rem;border-radius:4px}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}.muted{color:#5b5b66}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e4e4e9}
th{font-weight:600;width:40%}.ok{color:#17663a}.todo{color:#8a5300}.bad{color:#b3261e}
`;

/** Where the pages link it: the version in the query, so a deploy is never served a stale copy. */
export const PAGE_STYLE_HREF = `/static/pages.css?v=${WORKER_VERSION}`;

export const pageStyleRoutes = routeGroup().openapi(
  declare({
    method: "get",
    path: "/static/pages.css",
    tags: ["Pages"],
    responses: { 200: { description: "The stylesheet of the worker's HTML pages.", content: { "text/css": { schema: { type: "string" as const } } } } },
  }),
  (c) => c.body(CSS, 200, { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=3600" }),
);
