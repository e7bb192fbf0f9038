/** Persona conformance: add-tag and Persona's idempotency layer. */
import { describe, expect, it } from "vitest";
import { addFaults, addTag, api, control, expectPersonaError, type J, json, oktaUserEnv, requestsOf, setUpConformance } from "./support";

setUpConformance();

describe("add-tag and Persona's idempotency layer", () => {
  it("adds a tag once (a second add is a no-op) and the control API reads it back; remove-tag takes it off", async () => {
    const world = await oktaUserEnv();
    await addTag(world.env, world.open.id, "okta:suspended");
    await addTag(world.env, world.open.id, "okta:suspended");
    expect((await control("GET", `/envs/${world.env.envId}/cases/${world.open.id}`)).attributes.tags).toEqual(["okta:suspended"]);
    const removed = await json(await api(world.env, `/cases/${world.open.id}/remove-tag`, { json: { meta: { "tag-name": "okta:suspended" } } }));
    expect(removed.data.attributes.tags).toEqual([]);
  });

  it("refuses a body without meta.tag-name (400), a blank name (422), an unknown tag-id and an unknown case (404)", async () => {
    const world = await oktaUserEnv();
    expect((await api(world.env, `/cases/${world.open.id}/add-tag`, { json: { meta: {} } })).status).toBe(400);
    expect((await api(world.env, `/cases/${world.open.id}/add-tag`, { json: { "tag-name": "x" } })).status).toBe(400);
    await expectPersonaError(await addTag(world.env, world.open.id, " "), "add-tag", 422, "Unprocessable entity");
    expect((await api(world.env, `/cases/${world.open.id}/add-tag`, { json: { meta: { "tag-id": "tag_unknown" } } })).status).toBe(404);
    expect((await addTag(world.env, "case_missing000000000000000000", "x")).status).toBe(404);
  });

  it("replays the stored first answer for the same key and parameters, without running the operation again", async () => {
    const world = await oktaUserEnv();
    const first = await addTag(world.env, world.open.id, "okta:suspended", "click-1");
    const firstBody = await json(first);
    await control("PATCH", `/envs/${world.env.envId}/cases/${world.open.id}`, { tags: [] }); // someone removed the tag meanwhile
    const replay = await addTag(world.env, world.open.id, "okta:suspended", "click-1");
    expect(replay.status).toBe(200);
    expect(await json(replay)).toEqual(firstBody);
    expect((await control("GET", `/envs/${world.env.envId}/cases/${world.open.id}`)).attributes.tags).toEqual([]);
    expect((await requestsOf(world.env)).slice(-2).map((entry: J) => [entry.idempotencyKey, entry.idempotency])).toEqual([
      ["click-1", "stored"],
      ["click-1", "replayed"],
    ]);
  });

  it("refuses the same key with other parameters (another tag, another case) with 422, changing nothing", async () => {
    const world = await oktaUserEnv();
    await addTag(world.env, world.open.id, "a", "click-2");
    expect((await addTag(world.env, world.open.id, "b", "click-2")).status).toBe(422);
    expect((await addTag(world.env, world.resolved.id, "a", "click-2")).status).toBe(422);
    const tags = async (id: string) => (await control("GET", `/envs/${world.env.envId}/cases/${id}`)).attributes.tags;
    expect([await tags(world.open.id), await tags(world.resolved.id)]).toEqual([["a"], []]);
  });

  it("stores error answers too: a 400 is replayed for the same key", async () => {
    const world = await oktaUserEnv();
    const body = { meta: {} };
    expect((await api(world.env, `/cases/${world.open.id}/add-tag`, { json: body, headers: { "idempotency-key": "bad" } })).status).toBe(400);
    expect((await api(world.env, `/cases/${world.open.id}/add-tag`, { json: body, headers: { "idempotency-key": "bad" } })).status).toBe(400);
    expect((await requestsOf(world.env)).at(-1).idempotency).toBe("replayed");
  });

  it("never stores a 401 or a 429: a retry with the same key runs", async () => {
    const world = await oktaUserEnv({ rateLimit: { limit: 1 } });
    expect((await addTag(world.env, world.open.id, "x", "k", "persona_sandbox_wrong-key-000")).status).toBe(401);
    expect((await addTag(world.env, world.open.id, "x", "k")).status).toBe(200); // uses the one request of the window
    expect((await addTag(world.env, world.resolved.id, "y", "k2")).status).toBe(429);
    await control("PUT", `/envs/${world.env.envId}/rate-limit`, { limit: 10 });
    expect((await addTag(world.env, world.resolved.id, "y", "k2")).status).toBe(200);
    expect((await control("GET", `/envs/${world.env.envId}/cases/${world.resolved.id}`)).attributes.tags).toEqual(["y"]);
  });

  it("ignores Idempotency-Key on GET", async () => {
    const world = await oktaUserEnv();
    await api(world.env, "/cases", { headers: { "idempotency-key": "same" } });
    expect((await api(world.env, "/accounts", { headers: { "idempotency-key": "same" } })).status).toBe(200);
    expect(await control("GET", `/envs/${world.env.envId}/idempotency-keys`)).toEqual([]);
  });

  it("a 500 during the operation is stored (Persona keeps 500s): the same key gets the 500 again, a new key runs", async () => {
    const world = await oktaUserEnv();
    await addFaults(world.env, { kind: "500", when: "during", pathPrefix: "/cases" });
    const failed = await addTag(world.env, world.open.id, "x", "k500");
    expect(failed.status).toBe(500);
    expect((await json(failed)).errors[0].title).toBeTypeOf("string");
    expect((await addTag(world.env, world.open.id, "x", "k500")).status).toBe(500);
    expect((await addTag(world.env, world.open.id, "x", "k500-retry")).status).toBe(200);
  });

  it("a lost answer (a 503 after the operation) is safe to retry with the same key: the real answer is replayed", async () => {
    const world = await oktaUserEnv();
    await addFaults(world.env, { kind: "503", when: "after", pathPrefix: "/cases/" });
    const lost = await addTag(world.env, world.open.id, "okta:unlocked", "k-lost");
    expect(lost.status).toBe(503);
    expect(await lost.text()).toContain("<html>");
    const retry = await addTag(world.env, world.open.id, "okta:unlocked", "k-lost");
    expect(retry.status).toBe(200);
    expect((await json(retry)).data.attributes.tags).toEqual(["okta:unlocked"]);
  });
});
