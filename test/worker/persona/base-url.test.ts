import { describe, expect, it } from "vitest";
import { isAppError } from "../../../shared/errors";
import { PERSONA_DEFAULT_BASE_URL, PutPersonaSchema, personaEnvironmentOf } from "../../../shared/persona";
import { resolvePersonaBaseUrl } from "../../../worker/src/persona/base-url";

function code(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return isAppError(error) ? error.code : String(error);
  }
}

describe("Persona base URL: where the API key may be sent (SSRF rules of Get metadata)", () => {
  it("defaults to Persona's API root, which includes /api/v1", () => {
    expect(resolvePersonaBaseUrl(undefined, false)).toBe(PERSONA_DEFAULT_BASE_URL);
    expect(PERSONA_DEFAULT_BASE_URL).toBe("https://api.withpersona.com/api/v1");
  });

  it("accepts an https root with /api/v1 and drops a trailing slash", () => {
    expect(resolvePersonaBaseUrl("https://api.withpersona.com/api/v1/", false)).toBe(PERSONA_DEFAULT_BASE_URL);
  });

  it.each([
    ["plain http to a public host", "http://api.withpersona.com/api/v1", true],
    ["loopback without ALLOW_LOOPBACK_UPSTREAMS", "http://127.0.0.1:9999/api/v1", false],
    ["a private address", "https://10.0.0.5/api/v1", true],
    ["cloud metadata", "https://169.254.169.254/api/v1", true],
    ["credentials in the URL", "https://user:pw@api.withpersona.com/api/v1", true],
    ["no API path (the bare host)", "https://api.withpersona.com", true],
    ["a query string", "https://api.withpersona.com/api/v1?x=1", true],
    ["not a URL", "api.withpersona.com", true],
  ])("refuses %s: persona_base_url_invalid", (_name, url, allowLoopback) => {
    expect(code(() => resolvePersonaBaseUrl(url, allowLoopback))).toBe("persona_base_url_invalid");
  });

  it("allows loopback http only with ALLOW_LOOPBACK_UPSTREAMS (tests, development)", () => {
    expect(resolvePersonaBaseUrl("http://127.0.0.1:9999/e/x/api/v1", true)).toBe("http://127.0.0.1:9999/e/x/api/v1");
  });
});

describe("Persona API key: the environment comes from its prefix", () => {
  it("sandbox and production keys are told apart; anything else is refused before it is stored", () => {
    expect(personaEnvironmentOf("persona_sandbox_abc")).toBe("sandbox");
    expect(personaEnvironmentOf("persona_production_abc")).toBe("production");
    expect(PutPersonaSchema.safeParse({ apiKey: "persona_sandbox_0123456789" }).success).toBe(true);
    expect(PutPersonaSchema.safeParse({ apiKey: "wbhsec_0123456789abcdef" }).success).toBe(false);
    expect(PutPersonaSchema.safeParse({ apiKey: "persona_staging_0123456789" }).success).toBe(false);
  });
});
