/**
 * Persona's typed field values. Accounts and inquiries serialize each field as `{type, value}` (nested for hashes
 * and arrays), e.g. `"email_address": {"type": "string", "value": "jane@doe.com"}`; field keys are never
 * key-inflected. Seeds may give plain values, which are wrapped here; case fields are served verbatim instead (the
 * spec's case examples show plain values).
 */

export interface TypedField {
  type: string;
  value: unknown;
}

function isTyped(value: unknown): value is TypedField {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && keys.includes("type") && keys.includes("value") && typeof (value as TypedField).type === "string";
}

/** Wraps a plain value in Persona's `{type, value}` form; an already typed value is kept as given. */
export function typed(value: unknown): TypedField {
  if (isTyped(value)) return value;
  if (value === null || value === undefined) return { type: "string", value: null };
  if (typeof value === "string") return { type: "string", value };
  if (typeof value === "number") return { type: Number.isInteger(value) ? "integer" : "float", value };
  if (typeof value === "boolean") return { type: "boolean", value };
  if (Array.isArray(value)) return { type: "array", value: value.map(typed) };
  return { type: "hash", value: typedFields(value as Record<string, unknown>) };
}

export function typedFields(input: Record<string, unknown>): Record<string, TypedField> {
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, typed(value)]));
}

/** The plain value of a field, as search compares it: `{type, value}` unwrapped (hashes and arrays recursively). */
export function plainValue(field: unknown): unknown {
  if (!isTyped(field)) return field;
  const { value } = field;
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plainValue(inner)]));
  }
  return value;
}
