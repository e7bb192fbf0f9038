import { createRoute, OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import type { z } from "zod";
import { AppError, ErrorBodySchema, type ErrorCode } from "../../../shared/errors";
import { checkAnswer } from "./answer-check";
import type { HonoEnv } from "./context";

/**
 * A route group whose routes are declared with their request and response schemas (@hono/zod-openapi): the
 * schemas that validate a request also document it in `/openapi.json`. A request the schemas refuse answers the
 * project's error envelope (http/errors.ts), with the messages the routes always gave: a body names the fields
 * and rules but never echoes a value (it may hold a secret), a path or query parameter names its first problem.
 */
export function routeGroup() {
  return new OpenAPIHono<HonoEnv>({ defaultHook: refuse });
}

type Validation = { success: true } | { success: false; target: string; error: { issues: z.core.$ZodIssue[] } };

function refuse(result: Validation): undefined {
  if (result.success) return undefined;
  const issues = result.error.issues;
  if (result.target === "json") {
    throw new AppError("invalid_request", "request body is invalid", {
      issues: issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    });
  }
  throw new AppError("invalid_request", issues[0]?.message ?? "invalid parameter");
}

/**
 * The hook of a route whose path names resources: a malformed ID is as unknown as a missing one, so it answers the
 * same 404 (`unknown` maps a path parameter to its code and message) and tells a prober nothing about formats.
 */
export const unknownWhenMalformed =
  (unknown: Record<string, readonly [ErrorCode, string]>) =>
  (result: Validation): undefined => {
    if (!result.success && result.target === "param") {
      const name = String(result.error.issues[0]?.path[0] ?? "");
      const known = unknown[name];
      if (known) throw new AppError(known[0], known[1]);
    }
    return refuse(result);
  };

/** A JSON content entry of a request or response. */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A JSON request body: declared `application/json`, validated against `schema`. Optional ones may be absent. */
export const jsonBody = <S extends z.ZodType>(schema: S, required = true) => ({
  required,
  content: { "application/json": { schema } },
});

/** Every route may fail with the one error envelope, whatever its status. */
const failure = json(ErrorBodySchema, "The error envelope: a stable `code` from the closed catalog, a message, the request ID.");

/**
 * Declares a route: its schemas, the error envelope for every failure, and the answer check (http/answer-check.ts)
 * that holds the route to what it declares wherever `CHECK_ANSWERS` is on (tests and `npm run dev`).
 */
export function declare<const R extends RouteConfig>(config: R) {
  const own = config.middleware === undefined ? [] : Array.isArray(config.middleware) ? config.middleware : [config.middleware];
  return createRoute({
    ...config,
    responses: { ...config.responses, default: failure },
    middleware: [checkAnswer(config.responses), ...own],
  });
}

/**
 * Types a value from upstream (the gate's RPC answer) as the schema the route declares, without parsing it on the
 * hot path: where CHECK_ANSWERS is on, the answer check parses it, so a drift fails the tests instead of being
 * silently stripped.
 */
export const declaredAs = <S extends z.ZodType>(_schema: S, value: unknown): z.output<S> => value as z.output<S>;
