import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadEnv } from "../../../worker/src/env";
import { onError } from "../../../worker/src/http/errors";
import { declare, json, routeGroup } from "../../../worker/src/http/openapi";

const Answer = z.object({ id: z.string(), tags: z.array(z.object({ name: z.string() })) });

/** A one-route app whose handler answers `body` with `status`; `check` switches CHECK_ANSWERS. */
async function answer(body: unknown, status: number, check = true): Promise<Response> {
  const app = routeGroup();
  app.onError(onError);
  app.use("*", async (c, next) => {
    c.set("requestId", "req-1");
    c.set("env", { ...loadEnv(env), CHECK_ANSWERS: check });
    await next();
  });
  app.openapi(declare({ method: "get", path: "/thing", responses: { 200: json(Answer, "A thing.") } }), (c) => c.json(body as never, status as 200));
  return app.request("/thing", {}, env);
}

describe("the answer check holds a route to the responses it declares", () => {
  it("passes an answer its schema describes exactly", async () => {
    const response = await answer({ id: "a", tags: [{ name: "x" }] }, 200);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "a", tags: [{ name: "x" }] });
  });

  it.each([
    ["a missing field", { tags: [] }, 200],
    ["a mistyped field", { id: 1, tags: [] }, 200],
    ["a key the schema does not declare, however deep", { id: "a", tags: [{ name: "x", secret: "s" }] }, 200],
    ["a status the route does not declare", { id: "a", tags: [] }, 201],
    ["an error status without the error envelope", { message: "nope" }, 404],
  ])("refuses %s: 500 internal_error", async (_name, body, status) => {
    const response = await answer(body, status);
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("internal_error");
  });

  it("is off unless CHECK_ANSWERS is on (production)", async () => {
    const response = await answer({ id: "a", tags: [{ name: "x", secret: "s" }] }, 200, false);
    expect(response.status).toBe(200);
  });
});
