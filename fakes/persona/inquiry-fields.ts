/**
 * An inquiry's `fields`, as a creation request prefills them and as a verification fills them in. Requests send plain
 * values (`components/schemas/inquiry-fields`: the default fields are strings or null, `birthdate` as YYYY-MM-DD,
 * any other key is the template's own); the inquiry serializes each as `{type, value}`, `birthdate` with type
 * `date` (`components/schemas/inquiry`, `attributes.fields`). Keys are never inflected.
 */
import { type TypedField, typed } from "./typed-fields";

/** The fields of the spec's example of a created inquiry (a Government ID template), with their types. */
export const DEFAULT_INQUIRY_FIELDS: Readonly<Record<string, "string" | "date">> = {
  "name-first": "string",
  "name-middle": "string",
  "name-last": "string",
  "address-street-1": "string",
  "address-street-2": "string",
  "address-city": "string",
  "address-subdivision": "string",
  "address-postal-code": "string",
  "address-country-code": "string",
  birthdate: "date",
  "email-address": "string",
  "phone-number": "string",
  "identification-number": "string",
};

/** A value the request cannot give: `type` (not a string or null: a 400) or `format` (not a YYYY-MM-DD date: a 422). */
export class InquiryFieldError extends Error {
  constructor(
    readonly key: string,
    readonly kind: "type" | "format",
    message: string,
  ) {
    super(message);
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(value);
}

/** One field's typed form. A default field takes a string or null; any other field any JSON value (wrapped as usual). */
export function inquiryField(key: string, value: unknown): TypedField {
  const type = DEFAULT_INQUIRY_FIELDS[key];
  if (type === undefined) return typed(value);
  if (value !== null && typeof value !== "string") throw new InquiryFieldError(key, "type", `fields.${key} must be a string`);
  if (type === "date" && value !== null && !isCalendarDate(value)) {
    throw new InquiryFieldError(key, "format", `fields.${key} must be in the format "YYYY-MM-DD"`);
  }
  return { type, value };
}

export function inquiryFields(input: Record<string, unknown>): Record<string, TypedField> {
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, inquiryField(key, value)]));
}

/** A new inquiry's fields: every default field (null until prefilled or verified), then the prefill. */
export function newInquiryFields(prefill: Record<string, unknown>): Record<string, TypedField> {
  const blank = Object.fromEntries(Object.entries(DEFAULT_INQUIRY_FIELDS).map(([key, type]) => [key, { type, value: null }]));
  return { ...blank, ...inquiryFields(prefill) };
}
