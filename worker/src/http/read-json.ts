import type { z } from "zod";
import { AppError } from "../../../shared/errors";
import type { AppContext } from "./context";

/** Bodies larger than this are refused before parsing (the largest legitimate one is pasted IdP metadata). */
export const MAX_JSON_BYTES = 1024 * 1024;

/**
 * Reads and validates a JSON body: declared JSON, bounded size, well-formed, and valid against `schema`.
 * Validation errors name the fields and rules, never echo values (a body may hold a secret).
 */
export async function readJson<S extends z.ZodType>(c: AppContext, schema: S): Promise<z.infer<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new AppError("invalid_request", "Content-Type must be application/json");
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_JSON_BYTES) throw new AppError("payload_too_large", "request body is too large");
  const text = await c.req.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError("payload_too_large", "request body is too large");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "request body is not valid JSON");
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError("invalid_request", "request body is invalid", {
      issues: result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    });
  }
  return result.data;
}

/** Validates a path or query parameter; a bad one is a 4xx with `code`, never a 500. */
export function parseParam<S extends z.ZodType>(schema: S, value: unknown, code: "invalid_request" | "invalid_org_id" = "invalid_request"): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError(code, result.error.issues[0]?.message ?? "invalid parameter");
  return result.data;
}
