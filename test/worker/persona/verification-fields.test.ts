import { describe, expect, it } from "vitest";
import { DEFAULT_FIELD_MAP } from "../../../shared/verification";
import { compareFields, prefillFields } from "../../../worker/src/persona/verification-fields";

const profile = { firstName: "José", lastName: "Álvarez García", email: "jose@acme.test", legalFirstName: "  ", birthdate: "1990-04-01", employeeNumber: 42 };

describe("verification inquiry fields: prefill from Okta, compare what Persona verified", () => {
  it("prefills every mapped attribute the profile has, and skips blank or absent ones", () => {
    expect(prefillFields(DEFAULT_FIELD_MAP, profile)).toEqual({ "name-first": "José", "name-last": "Álvarez García", "email-address": "jose@acme.test" });
    expect(prefillFields({ "name-first": "legalFirstName", birthdate: "birthdate", "employee-number": "employeeNumber", x: "missing" }, profile)).toEqual({
      birthdate: "1990-04-01",
      "employee-number": "42",
    });
  });

  it("does not read inherited properties as profile values", () => {
    expect(prefillFields({ "name-first": "toString" }, {})).toEqual({});
    expect(compareFields({ "name-first": "constructor" }, { "name-first": { value: "x" } }, {})).toEqual([{ field: "name-first", result: "missing" }]);
  });

  it("compares as a person would (case, accents and spacing aside), and keeps only the verdicts", () => {
    const verified = {
      "name-first": { type: "string", value: "JOSE" },
      "name-last": { type: "string", value: "Alvarez  Garcia" },
      "email-address": { type: "string", value: "someone@else.test" },
    };
    expect(compareFields(DEFAULT_FIELD_MAP, verified, profile)).toEqual([
      { field: "name-first", result: "match" },
      { field: "name-last", result: "match" },
      { field: "email-address", result: "differs" },
    ]);
  });

  it("a field Persona did not verify, or an attribute Okta lacks, is missing", () => {
    expect(compareFields({ birthdate: "birthdate", "name-first": "legalFirstName" }, { "name-first": { value: "José" } }, profile)).toEqual([
      { field: "birthdate", result: "missing" },
      { field: "name-first", result: "missing" },
    ]);
    expect(compareFields({ birthdate: "birthdate" }, { birthdate: "1990-04-01" }, profile)).toEqual([{ field: "birthdate", result: "match" }]);
  });
});
