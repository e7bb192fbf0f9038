import type { RouteConfig } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import type { z } from "zod";
import { AppError, ErrorBodySchema } from "../../../shared/errors";
import type { HonoEnv } from "./context";
import { errorResponse } from "./errors";

type Responses = RouteConfig["responses"];

/** `a` and `b` are the same JSON value (key order aside). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Why an answer is not what its route declares, or null when it is. */
async function mismatch(responses: Responses, response: Response): Promise<string | null> {
  const status = response.status;
  const declared = responses[status] ?? (status >= 400 ? { content: { "application/json": { schema: ErrorBodySchema } } } : undefined);
  if (!declared) return `status ${status} is not declared`;
  const type = response.headers.get("content-type") ?? "";
  if (!type.startsWith("application/json")) return null;
  const schema = ("content" in declared ? (declared.content as Record<string, { schema?: unknown }> | undefined)?.["application/json"]?.schema : undefined) as
    | z.ZodType
    | undefined;
  if (!schema) return `status ${status} declares no JSON body`;
  const body: unknown = await response.clone().json();
  const parsed = schema.safeParse(body);
  if (!parsed.success) return `body does not parse: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`;
  // The shared schemas strip unknown keys (an older extension tolerates a newer worker); here a key the schema
  // does not know is a mismatch as surely as a missing one.
  if (!sameJson(parsed.data, body)) return "body has keys its schema does not declare";
  return null;
}

/**
 * Development and tests (`CHECK_ANSWERS=true`): every answer is checked against the route's declared responses
 * after the route ran. An undeclared status or a body its schema does not describe exactly becomes a 500
 * `internal_error` and a log line naming the route, so the whole test suite holds each route to its document.
 */
export const checkAnswer = (responses: Responses) =>
  createMiddleware<HonoEnv>(async function checkAnswer(c, next) {
    await next();
    if (!c.get("env").CHECK_ANSWERS) return;
    const problem = await mismatch(responses, c.res);
    if (!problem) return;
    console.error(JSON.stringify({ level: "error", check: "answer", route: `${c.req.method} ${c.req.routePath}`, problem }));
    c.res = undefined;
    c.res = errorResponse(c, new AppError("internal_error", "the answer does not match its declared schema"));
  });
