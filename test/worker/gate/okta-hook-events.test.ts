import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LogEventSchema } from "../../../shared/okta-log-event";
import { handleHookEvents } from "../../../worker/src/gate/okta-hook-events";

const event = (extra: Record<string, unknown>) =>
  LogEventSchema.parse({
    uuid: crypto.randomUUID(),
    published: new Date().toISOString(),
    eventType: "user.mfa.factor.reset_all",
    target: [{ id: "00uTarget", type: "User" }],
    ...extra,
  });

describe("Okta event hook batches in the gate", () => {
  it("an event made by one of our API Service clients drops the cache but tags nothing; events that change nobody are left alone", async () => {
    const stub = env.ORG_STORE.get(env.ORG_STORE.idFromName(`hook-${crypto.randomUUID()}`));
    const seen = await runInDurableObject(stub, async (_instance, state) => {
      const forgotten: string[] = [];
      const tags: string[] = [];
      const outcome = await handleHookEvents(
        {
          sql: state.storage.sql,
          clientIds: async () => new Set(["0oaOurClient"]),
          forgetUser: (userId) => forgotten.push(userId),
          tagCase: (userId, tag) => tags.push(`${userId} ${tag}`),
        },
        [
          event({ client: { id: "0oaOurClient" } }),
          event({ actor: { id: "0oaOurClient", type: "PublicClientApp" } }),
          event({ eventType: "user.authentication.sso" }),
          event({
            eventType: "user.account.lock",
            target: [
              { id: "00uLocked", type: "User" },
              { id: "0oaApp", type: "AppInstance" },
            ],
          }),
        ],
        Date.now(),
      );
      return { outcome, forgotten, tags };
    });
    expect(seen.outcome).toEqual({ received: 4, duplicates: 0, ours: 2, tagged: 1 });
    expect(seen.forgotten).toEqual(["00uTarget", "00uTarget", "00uLocked"]);
    expect(seen.tags).toEqual(["00uLocked okta-event:user.account.lock"]);
  });
});
