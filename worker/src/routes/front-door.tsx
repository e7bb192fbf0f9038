import { FRONT_DOOR_LINKS, type ServiceSummary, ServiceSummarySchema } from "../../../shared/front-door";
import type { AppContext } from "../http/context";
import { declare, routeGroup } from "../http/openapi";
import { securePage } from "../http/page-security";
import { WORKER_VERSION } from "../version";
import { FrontDoorPage } from "./front-door-page";
import { cachedHealthChecks, probeTargets, runHealthChecks } from "./health-probes";

/** HTML unless the client asks for JSON and not for HTML (a browser always lists text/html; `curl` sends `*\/*`). */
function wantsJson(c: AppContext): boolean {
  const accept = (c.req.header("accept") ?? "").toLowerCase();
  return accept.includes("application/json") && !accept.includes("text/html");
}

async function summarize(c: AppContext): Promise<ServiceSummary> {
  const env = c.get("env");
  const checks = await cachedHealthChecks(c.get("nowMs"), () => runHealthChecks(probeTargets(env)));
  const dev = env.ALLOW_LOOPBACK_UPSTREAMS || env.CHECK_ANSWERS;
  return {
    service: "persona-okta-companion",
    version: WORKER_VERSION,
    ok: checks.kv === "ok" && checks.durableObjects === "ok",
    checks,
    configuration: { encryptionKeys: env.ENCRYPTION_KEYS !== undefined, fixedPublicBaseUrl: env.PUBLIC_BASE_URL !== undefined },
    development: dev ? { loopbackUpstreams: env.ALLOW_LOOPBACK_UPSTREAMS, checkAnswers: env.CHECK_ANSWERS } : null,
    links: FRONT_DOOR_LINKS,
  };
}

const answer = (description: string) => ({
  description,
  content: { "text/html": { schema: { type: "string" as const } }, "application/json": { schema: ServiceSummarySchema } },
});

/**
 * `GET /`: what this deployment is, its version and whether its storage answers. Public, so it reads nothing of
 * any organization. A browser gets the page; `Accept: application/json` gets {@link ServiceSummarySchema}.
 */
export const frontDoorRoutes = routeGroup().openapi(
  declare({
    method: "get",
    path: "/",
    tags: ["Pages"],
    responses: {
      200: answer("What this is, its version, health and links: HTML, or JSON for `Accept: application/json`."),
      503: answer("The same, when a storage check failed or timed out."),
    },
  }),
  async (c) => {
    const summary = await summarize(c);
    const status = summary.ok ? 200 : 503;
    c.header("vary", "accept");
    if (wantsJson(c)) {
      c.header("cache-control", "no-store");
      return c.json(summary, status);
    }
    securePage(c);
    return c.html(<FrontDoorPage summary={summary} />, status);
  },
);
