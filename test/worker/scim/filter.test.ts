import { describe, expect, it } from "vitest";
import { ScimFailure } from "../../../worker/src/scim/failure";
import { parseFilter } from "../../../worker/src/scim/filter";

const USERS = ["userName", "externalId", "id"] as const;

describe('parseFilter: one `<attribute> eq "<string>"` (RFC 7644 §3.4.2.2), anything else invalidFilter', () => {
  it.each([
    ['userName eq "ada@example.com"', { attribute: "userName", value: "ada@example.com" }],
    ['  username   EQ   "ada@example.com"  ', { attribute: "userName", value: "ada@example.com" }],
    ['externalId eq "a \\"quoted\\" id"', { attribute: "externalId", value: 'a "quoted" id' }],
    ['id eq "usr_1\\u0041"', { attribute: "id", value: "usr_1A" }],
  ])("%s", (filter, expected) => {
    expect(parseFilter(filter, USERS)).toEqual(expected);
  });

  it("no filter, or an empty one, is no filter", () => {
    expect(parseFilter(undefined, USERS)).toBeNull();
    expect(parseFilter("  ", USERS)).toBeNull();
  });

  it.each([
    'userName ne "a"',
    'userName sw "a"',
    "userName pr",
    'userName eq "a" or userName eq "b"',
    'displayName eq "x"',
    "userName eq 12",
    'userName eq "bad \\x escape"',
    'emails[type eq "work"].value eq "a"',
  ])("%s is refused", (filter) => {
    let failure: unknown;
    try {
      parseFilter(filter, USERS);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ScimFailure);
    expect(failure).toMatchObject({ status: 400, scimType: "invalidFilter" });
  });
});
