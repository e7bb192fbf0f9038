import { expect } from "vitest";
import type { z } from "zod";

/**
 * The worker's answers against the shared schemas the extension reads them with. The schemas are plain (stripping)
 * objects so that an older extension tolerates a newer worker; here that stripping is the check: an answer must
 * parse AND come out unchanged, so a field the schema does not know, at any depth, fails as surely as a missing or
 * mistyped one.
 */
export function expectExact<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  expect(parsed.error?.issues).toBeUndefined();
  expect(parsed.data).toStrictEqual(body);
  return parsed.data as z.output<S>;
}

/** A response's status, then its body exactly as `schema` describes it. */
export async function exactAnswer<S extends z.ZodType>(response: Response, status: number, schema: S): Promise<z.output<S>> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return expectExact(schema, JSON.parse(text));
}
