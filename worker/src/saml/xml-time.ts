import { AppError } from "../../../shared/errors";

const DATE_TIME_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** SAML times are xs:dateTime in UTC ("Z"); anything else is refused rather than guessed. */
export function parseSamlTime(value: string | null, what: string): number {
  if (value === null || !DATE_TIME_UTC.test(value)) {
    throw new AppError("saml_structure_invalid", `${what} is not a UTC xs:dateTime`);
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new AppError("saml_structure_invalid", `${what} is not a valid time`);
  return ms;
}

/** Optional attribute variant: absent stays undefined, present must parse. */
export function parseOptionalSamlTime(value: string | null, what: string): number | undefined {
  return value === null || value === "" ? undefined : parseSamlTime(value, what);
}
