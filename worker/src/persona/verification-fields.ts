import type { FieldComparison } from "../../../shared/verification";

/**
 * The fields of a verification inquiry, both ways (docs/verified-recovery.md): Okta profile values prefill the
 * inquiry through the policy's field map, and the values Persona verified are compared with the same profile
 * attributes. Pure functions: the profile is a plain record, whoever read it.
 */

type Profile = Readonly<Record<string, unknown>>;

/** A value usable as a field: a non-empty string (trimmed, at most 256 characters), or a finite number as text. */
function textOf(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed.slice(0, 256);
}

/** An own attribute of the profile, as text (an inherited name such as `toString` is never a profile value). */
function profileValue(profile: Profile, attribute: string): string | null {
  return Object.hasOwn(profile, attribute) ? textOf(profile[attribute]) : null;
}

/** The inquiry fields to prefill: every mapped attribute the profile has. */
export function prefillFields(fieldMap: Readonly<Record<string, string>>, profile: Profile): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [field, attribute] of Object.entries(fieldMap)) {
    const value = profileValue(profile, attribute);
    if (value !== null) fields[field] = value;
  }
  return fields;
}

/** Persona answers an inquiry's fields as `{type, value}` objects; a bare value is read too. */
function verifiedValue(fields: Readonly<Record<string, unknown>>, field: string): string | null {
  if (!Object.hasOwn(fields, field)) return null;
  const entry = fields[field];
  return textOf(typeof entry === "object" && entry !== null && "value" in entry ? (entry as { value: unknown }).value : entry);
}

/** Compared as a person would: Unicode-normalised, case and accents aside, spacing collapsed. */
function normalise(value: string): string {
  return value.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Each mapped field: `match` when Persona's verified value and the Okta attribute agree, `differs` when both
 * exist and do not, `missing` when either is absent. Only the verdicts are kept, never the values.
 */
export function compareFields(fieldMap: Readonly<Record<string, string>>, verified: Readonly<Record<string, unknown>>, profile: Profile): FieldComparison[] {
  return Object.entries(fieldMap).map(([field, attribute]) => {
    const persona = verifiedValue(verified, field);
    const okta = profileValue(profile, attribute);
    if (persona === null || okta === null) return { field, result: "missing" };
    return { field, result: normalise(persona) === normalise(okta) ? "match" : "differs" };
  });
}
