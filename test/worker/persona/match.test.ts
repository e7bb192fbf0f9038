import { describe, expect, it } from "vitest";
import { isAppError } from "../../../shared/errors";
import { type PersonaSettings, PersonaSettingsSchema } from "../../../shared/persona";
import { PERSONA_VERSION } from "../../../worker/src/persona/client";
import { matchPersona } from "../../../worker/src/persona/match";
import { connection, fakePersona, list, onGet, onPost, resource } from "./fake-fetch";

const USER = "00uAbCdEfGhIjKlMnOpQ";
const DEFAULTS: PersonaSettings = PersonaSettingsSchema.parse({});
const EMAIL_SETTINGS: PersonaSettings = { ...DEFAULTS, matchByEmail: { enabled: true, accountField: "email_address", caseField: "work_email" } };

const account = (id: string) =>
  resource("account", id, {
    "reference-id": USER,
    "account-type-name": "User",
    "account-status": "Default",
    tags: [],
    "created-at": "2026-01-01T00:00:00.000Z",
    fields: { email_address: { type: "string", value: "ada@acme.test" } },
  });
const kase = (id: string, createdAt: string, resolvedAt: string | null, status = resolvedAt ? "Approved" : "Open") =>
  resource("case", id, {
    status,
    name: `Case ${id}`,
    resolution: resolvedAt ? "approved" : null,
    "assignee-id": "usr_reviewer1",
    tags: ["kyc"],
    "created-at": createdAt,
    "updated-at": createdAt,
    "resolved-at": resolvedAt,
  });
const inquiry = (id: string, createdAt: string, status = "completed") =>
  resource("inquiry", id, { status, "reference-id": USER, tags: [], "created-at": createdAt, "completed-at": createdAt, "decisioned-at": null });

function run(settings: PersonaSettings, fake: ReturnType<typeof fakePersona>, email: () => Promise<string | null> = async () => "ada@acme.test") {
  return matchPersona({ connection: connection(), oktaUserId: USER, settings, email, ambient: fake.ambient, deadlineMs: Date.now() + 10_000 });
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("Persona match: the account whose reference-id is the Okta user ID", () => {
  it("one account: its cases open-before-resolved and newest first, inquiries newest first, each with a dashboard link", async () => {
    const fake = fakePersona([
      onGet("/accounts", { "filter[reference-id]": USER, "page[size]": "2" }, { body: list(account("act_one")) }),
      onGet(
        "/cases",
        { "filter[account-id]": "act_one", "page[size]": "10" },
        {
          body: list(
            kase("case_resolvedNew", "2026-03-05T00:00:00.000Z", "2026-03-06T00:00:00.000Z"),
            kase("case_openOld", "2026-01-01T00:00:00.000Z", null),
            kase("case_resolvedOld", "2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z"),
            kase("case_openNew", "2026-02-01T00:00:00.000Z", null, "Pending"),
          ),
        },
      ),
      onGet(
        "/inquiries",
        { "filter[account-id]": "act_one", "page[size]": "5" },
        {
          body: list(inquiry("inq_old", "2025-12-01T00:00:00.000Z"), inquiry("inq_new", "2026-02-01T00:00:00.000Z", "needs_review")),
        },
      ),
    ]);
    const match = await run(DEFAULTS, fake);
    expect(match.matchedBy).toBe("reference-id");
    expect(match.ambiguous).toBe(false);
    expect(match.account).toMatchObject({ id: "act_one", referenceId: USER, dashboardUrl: "https://app.withpersona.com/dashboard/accounts/act_one" });
    expect(match.account).not.toHaveProperty("fields"); // no PII beyond what the overlay shows
    expect(match.cases.map((c) => c.id)).toEqual(["case_openNew", "case_openOld", "case_resolvedNew", "case_resolvedOld"]);
    expect(match.cases[0]).toMatchObject({
      status: "Pending",
      open: true,
      resolvedAt: null,
      assigneeId: "usr_reviewer1",
      dashboardUrl: "https://app.withpersona.com/dashboard/cases/case_openNew",
    });
    expect(match.cases[2]).toMatchObject({ open: false, resolvedAt: "2026-03-06T00:00:00.000Z" });
    expect(match.inquiries.map((i) => i.id)).toEqual(["inq_new", "inq_old"]);
    expect(match.inquiries[0]!.dashboardUrl).toBe("https://app.withpersona.com/dashboard/inquiries/inq_new");
  });

  it("every request carries the bearer key, the pinned Persona-Version and kebab inflection; filters are URL-encoded", async () => {
    const fake = fakePersona([onGet("/accounts", {}, { body: list() })]);
    await run(DEFAULTS, fake);
    const [request] = fake.seen;
    expect(request!.headers.get("authorization")).toBe("Bearer persona_sandbox_unit_key_0123456789");
    expect(request!.headers.get("persona-version")).toBe(PERSONA_VERSION);
    expect(PERSONA_VERSION).toBe("2025-12-08");
    expect(request!.headers.get("key-inflection")).toBe("kebab");
    expect(request!.rawQuery).toContain(`filter%5Breference-id%5D=${USER}`);
  });

  it("no account: an empty answer (cases: []), not an error, and no further request", async () => {
    const fake = fakePersona([onGet("/accounts", {}, { body: list() })]);
    const match = await run(DEFAULTS, fake);
    expect(match).toEqual({ matchedBy: null, account: null, ambiguous: false, cases: [], inquiries: [] });
    expect(fake.seen.length).toBe(1);
  });

  it("several accounts: shown as ambiguous, none chosen, no case of either fetched", async () => {
    const fake = fakePersona([onGet("/accounts", {}, { body: list(account("act_a"), account("act_b")) })]);
    const match = await run(DEFAULTS, fake);
    expect(match.ambiguous).toBe(true);
    expect(match.account).toBeNull();
    expect(match.accounts?.map((a) => a.id)).toEqual(["act_a", "act_b"]);
    expect(match.cases).toEqual([]);
    expect(fake.seen.map((r) => r.path)).toEqual(["/accounts"]);
  });

  it("unknown attributes and attributes of an unexpected type are tolerated (lenient), not fatal", async () => {
    const odd = resource("case", "case_odd", {
      status: 42,
      "resolved-at": null,
      "created-at": "2026-01-01T00:00:00.000Z",
      tags: ["a", 1],
      "brand-new-attribute": { x: 1 },
    });
    const fake = fakePersona([
      onGet("/accounts", {}, { body: list(account("act_one")) }),
      onGet("/cases", {}, { body: list(odd) }),
      onGet("/inquiries", {}, { body: { data: [], meta: { anything: true } } }),
    ]);
    const match = await run(DEFAULTS, fake);
    expect(match.cases[0]).toMatchObject({ id: "case_odd", status: null, open: true, tags: ["a"] });
  });

  it("a document that is not JSON:API is persona_unavailable, not a crash", async () => {
    const fake = fakePersona([onGet("/accounts", {}, { body: { accounts: [] } })]);
    expect((await failure(run(DEFAULTS, fake))).code).toBe("persona_unavailable");
  });
});

describe("Persona match: email fallback only when the organization enabled it", () => {
  it("disabled: the Okta email is never asked for and nothing is searched", async () => {
    const fake = fakePersona([onGet("/accounts", {}, { body: list() })]);
    let asked = false;
    const match = await run(DEFAULTS, fake, async () => {
      asked = true;
      return "ada@acme.test";
    });
    expect(match.matchedBy).toBeNull();
    expect(asked).toBe(false);
    expect(fake.seen.some((r) => r.method === "POST")).toBe(false);
  });

  it("enabled: accounts searched on fields.<accountField> eq the email; the match says it came by email", async () => {
    const fake = fakePersona([
      onGet("/accounts", {}, { body: list() }),
      onPost("/accounts/search", { body: list(account("act_mail")) }),
      onGet("/cases", { "filter[account-id]": "act_mail" }, { body: list(kase("case_m", "2026-01-01T00:00:00.000Z", null)) }),
      onGet("/inquiries", { "filter[account-id]": "act_mail" }, { body: list() }),
    ]);
    const match = await run(EMAIL_SETTINGS, fake);
    expect(match.matchedBy).toBe("email");
    expect(match.account?.id).toBe("act_mail");
    expect(match.cases.map((c) => c.id)).toEqual(["case_m"]);
    const search = fake.seen.find((r) => r.path === "/accounts/search")!;
    expect(search.body).toMatchObject({ query: { attribute: "fields.email_address", operator: "eq", value: "ada@acme.test" } });
  });

  it("enabled, no account by email: cases searched on fields.<caseField>", async () => {
    const fake = fakePersona([
      onGet("/accounts", {}, { body: list() }),
      onPost("/accounts/search", { body: list() }),
      onPost("/cases/search", {
        body: list(kase("case_r", "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z"), kase("case_o", "2025-01-01T00:00:00.000Z", null)),
      }),
    ]);
    const match = await run(EMAIL_SETTINGS, fake);
    expect(match).toMatchObject({ matchedBy: "email", account: null });
    expect(match.cases.map((c) => c.id)).toEqual(["case_o", "case_r"]);
    expect(fake.seen.find((r) => r.path === "/cases/search")!.body).toMatchObject({ query: { attribute: "fields.work_email", value: "ada@acme.test" } });
  });

  it("enabled, but the Okta user has no email: no search", async () => {
    const fake = fakePersona([onGet("/accounts", {}, { body: list() })]);
    const match = await run(EMAIL_SETTINGS, fake, async () => null);
    expect(match.matchedBy).toBeNull();
    expect(fake.seen.length).toBe(1);
  });
});

describe("Persona client: refusals, rate limits, 5xx and hangs", () => {
  it("401: persona_rejected with Persona's errors[].title and the fix", async () => {
    const fake = fakePersona([onGet("/accounts", {}, { status: 401, body: { errors: [{ title: "Token is invalid" }] } })]);
    const error = await failure(run(DEFAULTS, fake));
    expect(error.code).toBe("persona_rejected");
    expect(error.details).toMatchObject({ personaStatus: 401, title: "Token is invalid" });
    expect(String(error.details!.remedy)).toMatch(/API keys/);
  });

  it("429: persona_rate_limited with retryAfterSeconds from RateLimit-Reset, not retried; the next call does not reach Persona", async () => {
    const fake = fakePersona([
      onGet(
        "/accounts",
        {},
        { status: 429, body: { errors: [{ title: "Rate limit exceeded" }] }, headers: { "ratelimit-reset": "17", "ratelimit-remaining": "0" } },
      ),
    ]);
    const conn = connection();
    const call = () =>
      matchPersona({ connection: conn, oktaUserId: USER, settings: DEFAULTS, email: async () => null, ambient: fake.ambient, deadlineMs: Date.now() + 10_000 });
    const error = await failure(call());
    expect(error.code).toBe("persona_rate_limited");
    expect(error.details).toMatchObject({ retryAfterSeconds: 17, title: "Rate limit exceeded" });
    expect(fake.seen.length).toBe(1);
    expect((await failure(call())).code).toBe("persona_rate_limited");
    expect(fake.seen.length).toBe(1);
  });

  it("a 5xx on a read is retried once, then persona_unavailable", async () => {
    const fake = fakePersona([onGet("/accounts", {}, { status: 503, body: { errors: [{ title: "Service Unavailable" }] } })]);
    const error = await failure(run(DEFAULTS, fake));
    expect(error.code).toBe("persona_unavailable");
    expect(fake.seen.length).toBe(2);
  });

  it("a hang ends as persona_timeout within the attempt timeout (not retried)", async () => {
    const fake = fakePersona([onGet("/accounts", {}, "hang")]);
    const started = Date.now();
    const error = await failure(run(DEFAULTS, fake));
    expect(error.code).toBe("persona_timeout");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(fake.seen.length).toBe(1);
  });
});

describe("Persona client: the key goes to the base URL only", () => {
  it("a redirect is not followed (the bearer key would go where it points): persona_request_failed", async () => {
    const fake = fakePersona([onGet("/accounts", {}, { status: 302, headers: { location: "http://169.254.169.254/latest" } })]);
    const error = await failure(run(DEFAULTS, fake));
    expect(error.code).toBe("persona_request_failed");
    expect(fake.seen.length).toBe(1);
    expect(fake.seen[0]!.redirect).toBe("manual");
  });
});
