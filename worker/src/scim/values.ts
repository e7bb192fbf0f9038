import { z } from "zod";
import { EmailSchema } from "../../../shared/users";
import { invalidValue } from "./failure";

/**
 * The values a PATCH operation may carry, checked one attribute at a time (a PATCH `value` is untyped JSON until
 * its path says what it is). Bounded like the POST/PUT schemas of shared/scim.ts.
 */

/** `active`: a boolean; the strings "true"/"false" too (some clients send them, case aside). */
export function activeValue(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw invalidValue("active must be a boolean");
}

export function emailValue(value: unknown): string {
  const parsed = EmailSchema.safeParse(value);
  if (!parsed.success) throw invalidValue("userName must be an email address");
  return parsed.data;
}

/** A string attribute that may be cleared (null, or absent on remove). */
export function textValue(value: unknown, name: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  const parsed = z.string().max(max).safeParse(value);
  if (!parsed.success) throw invalidValue(`${name} must be a string of at most ${max} characters`);
  return parsed.data === "" ? null : parsed.data;
}

export function objectValue(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalidValue(`${name} must be an object`);
  return value as Record<string, unknown>;
}

/** A PATCH path (RFC 7644 §3.5.2): an attribute, optionally a schema URN before it, a value filter, a sub-attribute. */
export const ATTRIBUTE_PATH = /^(?:urn:[A-Za-z0-9:._-]+:)?[A-Za-z][\w$-]*(?:\[[^\]]{1,250}\])?(?:\.[A-Za-z][\w$-]*)?$/;
