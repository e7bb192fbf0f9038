/**
 * Request bodies of write operations, held to a zod copy of the spec's request schema. A body the schema refuses
 * answers 400 `Bad Request` in the wording of the spec's examples (`data.attributes.name is missing`,
 * `meta.object_ids must be an array`) plus the fake's `… is not a permitted parameter` for keys the spec's
 * `additionalProperties: false` leaves out. Persona's envelope carries one error, so the first issue is reported.
 */
import type { z } from "zod";
import { P } from "./errors";

const NOUNS: Record<string, string> = { record: "an object", object: "an object", int: "an integer", array: "an array", boolean: "a boolean" };

function dotted(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`)).join("");
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, part) => (typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[part] : undefined), body);
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = dotted(issue.path);
  if (issue.code === "unrecognized_keys") throw P.badRequest(`${where === "" ? "" : `${where}.`}${issue.keys[0]} is not a permitted parameter`);
  if (where === "") throw P.badRequest("the request body must be a JSON object");
  if (issue.code === "invalid_type") {
    if (valueAt(body, issue.path) === undefined) throw P.badRequest(`${where} is missing`);
    throw P.badRequest(`${where} must be ${NOUNS[issue.expected] ?? `a ${issue.expected}`}`);
  }
  throw P.badRequest(`${where} is invalid`);
}
