import { createMiddleware } from "hono/factory";
import type { HonoEnv } from "./context";

/**
 * For routes whose JSON body is optional: an empty body counts as none, even when a client labels it JSON
 * (`curl -X POST -H 'content-type: application/json'`, as automation tools do). The request validators would
 * otherwise read it as malformed JSON; this drops the label so they see what was meant, no body.
 */
export const emptyBodyIsNone = createMiddleware<HonoEnv>(async function emptyBodyIsNone(c, next) {
  if (c.req.header("content-length") === "0" && c.req.header("content-type") !== undefined) {
    const headers = new Headers(c.req.raw.headers);
    headers.delete("content-type");
    c.req.raw = new Request(c.req.raw, { headers });
  }
  await next();
});
