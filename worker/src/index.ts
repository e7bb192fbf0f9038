import { createApp } from "./app";
import { loadEnv } from "./env";
import { refreshAllMetadata } from "./org/metadata-refresh";

export { OrgStore } from "./gate/org-gate";

const app = createApp();

/**
 * The worker: HTTP requests go to the app; the Cron Trigger of wrangler.toml (`[triggers] crons`, every 6 hours)
 * refreshes the IdP metadata of every organization that imported it from a URL (docs/idp-metadata-refresh.md).
 */
export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(
      refreshAllMetadata(loadEnv(env), controller.scheduledTime).then((run) => {
        console.log("metadata refresh", JSON.stringify(run));
      }),
    );
  },
} satisfies ExportedHandler<Cloudflare.Env>;
