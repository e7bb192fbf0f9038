/**
 * `GET /{org}` redirects to the org's landing page. The path segment is validated like every other org route's
 * (worker/src/routes/session.tsx): a control character used to reach the Location header (a bare 500), and an
 * encoded slash or backslash made the redirect leave our origin.
 */
import { describe, expect, it } from "vitest";
import { api, createOrg, errorCode } from "../support/api";

describe("GET /{org}: the landing redirect", () => {
  it("redirects a real organization to its landing page", async () => {
    const org = await createOrg();
    const response = await api(`/${org.id}`);
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(`/${org.id}/`);
  });

  it.each([
    ["a NUL", "/%00"],
    ["CR LF and a header", "/x%0D%0ASet-Cookie:%20a=b"],
    ["an encoded slash (open redirect to //evil.example/)", "/%2Fevil.example"],
    ["an encoded backslash", "/%5Cevil.example"],
    ["a well-formed ID no organization has", "/no-such-org-here"],
  ])("answers %s with the same 404 as an unknown organization, and no Location", async (_case, path) => {
    const response = await api(path);
    expect(response.status).toBe(404);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await errorCode(response)).toBe("org_not_found");
  });
});
