import { describe, expect, it } from "vitest";
import { isAppError } from "../../../shared/errors";
import { throwIfOktaError } from "../../../worker/src/okta/okta-errors";

const response = (status: number, body: unknown = {}) => ({ status, body, headers: new Headers(), requestId: "req-1" });

function codeOf(status: number, body?: unknown): string {
  try {
    throwIfOktaError(response(status, body), "suspend");
    return "ok";
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
}

describe("Okta answers become our codes with Okta's status kept", () => {
  it("maps refusals by status and relays Okta's fields", () => {
    expect(codeOf(200)).toBe("ok");
    expect(codeOf(400, { errorCode: "E0000001" })).toBe("okta_bad_request");
    expect(codeOf(403, { errorCode: "E0000006" })).toBe("okta_forbidden");
    expect(codeOf(404, { errorCode: "E0000007" })).toBe("okta_not_found");
    expect(codeOf(409, { errorCode: "E0000112" })).toBe("okta_conflict");
  });

  it("a redirect is a failure (never followed with our token), not a 4xx about the caller's input", () => {
    expect(codeOf(302)).toBe("okta_unavailable");
    expect(codeOf(307)).toBe("okta_unavailable");
  });

  it("E0000006 carries the scope and the admin-role permission to grant", () => {
    try {
      throwIfOktaError(response(403, { errorCode: "E0000006", errorSummary: "You do not have permission" }), "suspend");
    } catch (error) {
      expect(isAppError(error) && String(error.details?.remedy)).toContain("okta.users.manage");
      expect(isAppError(error) && String(error.details?.remedy)).toContain("Suspend users");
    }
    expect.assertions(2);
  });
});
