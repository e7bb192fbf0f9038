/**
 * What the control API's seeds and patches have in common: keys may be written as the API writes them
 * (`reference-id`), in snake case or in camel case (`referenceId`); timestamps are any date `Date.parse` reads and
 * are stored as Persona serializes them (ISO 8601 with milliseconds, UTC). Unknown keys are refused, so a typo in a
 * test fixture fails loudly instead of seeding a default.
 */
import { z } from "zod";

export class SeedError extends Error {}

const camel = (key: string) => key.replace(/[-_]([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** Parses a seed or patch object with `schema` after normalizing its top-level keys to camel case. */
export function parseSeed<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new SeedError(`${what} must be a JSON object`);
  const normalized = Object.fromEntries(Object.entries(input).map(([key, value]) => [camel(key), value]));
  const parsed = schema.safeParse(normalized);
  if (!parsed.success) throw new SeedError(`${what}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`).join("; ")}`);
  return parsed.data;
}

export const Timestamp = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be a date-time")
  .transform((value) => new Date(value).toISOString());

export const NullableTimestamp = Timestamp.nullable();
export const NullableText = z.string().nullable();
export const Tags = z.array(z.string().min(1));
export const FieldMap = z.record(z.string(), z.unknown());

/** An object id of the given prefix, e.g. `act_…`. */
export const objectId = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{1,64}$`), `must look like ${prefix}_…`);
