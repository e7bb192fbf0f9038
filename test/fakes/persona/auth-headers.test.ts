/** Persona conformance: bearer authentication, Persona-Version, Key-Inflection and the response headers. */
import { beforeAll, describe, expect, it } from "vitest";
import {
  api,
  type CallOptions,
  doc,
  expectPersonaError,
  expectPersonaHeaders,
  type J,
  json,
  newEnv,
  oktaUserEnv,
  requestsOf,
  setUpConformance,
} from "./support";

setUpConformance();

describe("authentication, Persona-Version and response headers", () => {
  let world: Awaited<ReturnType<typeof oktaUserEnv>>;
  beforeAll(async () => {
    world = await oktaUserEnv();
  });

  it("refuses a missing, malformed, unknown or other environment's key with 401, without rate-limit headers", async () => {
    const other = await newEnv();
    for (const options of [
      { key: null },
      { key: "persona_sandbox_unknown-key-0000" },
      { key: other.apiKey },
      { headers: { authorization: world.env.apiKey } },
    ] as CallOptions[]) {
      const response = await api(world.env, "/cases", options);
      expect(response.status).toBe(401);
      expect(await json(response)).toEqual({ errors: [{ title: "Must be authenticated to access this endpoint" }] });
      expect(response.headers.get("ratelimit-limit")).toBeNull();
      expect(response.headers.get("request-id")).toBeNull();
    }
  });

  it("accepts every version of the spec's enum and none, refuses an unknown one with 400, and records what was sent", async () => {
    for (const version of doc.components.schemas["api-version"].enum as string[]) expect((await api(world.env, "/cases", { version })).status).toBe(200);
    expect((await api(world.env, "/cases", { version: null })).status).toBe(200);
    const unknown = await api(world.env, "/cases", { version: "2026-09-29" });
    await expectPersonaError(unknown, "list-all-cases", 400, "Bad Request");
    const log = await requestsOf(world.env);
    expect(log.slice(-3).map((entry: J) => [entry.personaVersion, entry.status])).toEqual([
      ["2020-05-18", 200],
      [null, 200],
      ["2026-09-29", 400],
    ]);
  });

  it("puts Request-Id, Persona-Environment-Id, Persona-Organization-Id and RateLimit-* on successes and errors alike", async () => {
    for (const path of ["/cases", "/cases/case_missing000000000000000000", "/cases?page%5Bsize%5D=0", "/nowhere"])
      expectPersonaHeaders(await api(world.env, path), world.env);
  });

  it("camel and snake Key-Inflection change keys but never the keys inside fields", async () => {
    const camel = await json(await api(world.env, `/accounts/${world.account.id}`, { headers: { "key-inflection": "camel" } }));
    expect(camel.data.attributes.referenceId).toBe(world.oktaUserId);
    expect(camel.data.attributes.fields.email_address.value).toBe("ada@acme.test");
    const snake = await json(await api(world.env, `/cases/${world.open.id}`, { headers: { "key-inflection": "snake" } }));
    expect(snake.data.attributes.assignee_id).toBe("reviewer@acme.test");
    expect(snake.data.relationships.case_template.data.type).toBe("case-template");
    expect((await api(world.env, "/cases", { headers: { "key-inflection": "pascal" } })).status).toBe(400);
  });
});
