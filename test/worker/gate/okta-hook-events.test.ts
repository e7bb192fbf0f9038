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
  it("an event made by one of our API Service clients drops the cache but tags nothing; a membership change drops only the groups", async () => {
    const stub = env.ORG_STORE.get(env.ORG_STORE.idFromName(`hook-${crypto.randomUUID()}`));
    const seen = await runInDurableObject(stub, async (_instance, state) => {
      const forgotten: string[] = [];
      const groups: string[] = [];
      const tags: string[] = [];
      let delivered = 0;
      const outcome = await handleHookEvents(
        {
          sql: state.storage.sql,
          clientIds: async () => new Set(["0oaOurClient"]),
          forgetUser: (userId) => forgotten.push(userId),
          forgetGroups: (userId) => groups.push(userId),
          delivered: () => {
            delivered += 1;
          },
          tagCase: (userId, tag) => tags.push(`${userId} ${tag}`),
        },
        [
          event({ client: { id: "0oaOurClient" } }),
          event({ actor: { id: "0oaOurClient", type: "PublicClientApp" } }),
          event({ eventType: "user.authentication.sso" }),
          event({
            eventType: "group.user_membership.add",
            target: [
              { id: "00uJoined", type: "User" },
              { id: "00gAdmins", type: "UserGroup" },
            ],
          }),
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
      return { outcome, forgotten, groups, tags, delivered };
    });
    expect(seen.outcome).toEqual({ received: 5, duplicates: 0, ours: 2, tagged: 1 });
    expect(seen.groups).toEqual(["00uJoined"]);
    expect(seen.delivered).toBe(1);
    expect(seen.forgotten).toEqual(["00uTarget", "00uTarget", "00uLocked"]);
    expect(seen.tags).toEqual(["00uLocked okta-event:user.account.lock"]);
  });
});
