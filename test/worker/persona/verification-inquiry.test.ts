import { describe, expect, it } from "vitest";
import { isAppError } from "../../../shared/errors";
import { createVerificationInquiry, readInquiry } from "../../../worker/src/persona/verification-inquiry";
import { connection, fakePersona, onGet, onPost } from "./fake-fetch";

const USER = "00uAbCdEfGhIjKlMnOpQ";
const created = {
  data: { type: "inquiry", id: "inq_New1", attributes: { status: "created" } },
  meta: { "one-time-link": "https://inquiry.withpersona.com/verify?code=abc" },
};
const input = { templateId: "itmpl_T1", oktaUserId: USER, fields: { "name-first": "Ada" }, linkTtlSeconds: 900, idempotencyKey: "idem-1" };
const asking = (fake: ReturnType<typeof fakePersona>) => ({ connection: connection(), ambient: fake.ambient, deadlineMs: Date.now() + 5000 });

describe("the verification inquiry at Persona", () => {
  it("is created for the account whose reference ID is the Okta user, prefilled, with a one-time link and an Idempotency-Key", async () => {
    const fake = fakePersona([onPost("/inquiries", { status: 201, body: created })]);
    const before = Date.now();
    const answer = await createVerificationInquiry(asking(fake), { ...input, accountId: null });
    expect(answer).toMatchObject({ inquiryId: "inq_New1", status: "created", oneTimeLink: "https://inquiry.withpersona.com/verify?code=abc" });
    expect(answer.linkExpiresAtMs).toBeGreaterThanOrEqual(before + 900_000);
    const [request] = fake.seen;
    expect(request?.headers.get("idempotency-key")).toBe("idem-1");
    expect(request?.body).toEqual({
      data: { attributes: { "inquiry-template-id": "itmpl_T1", fields: { "name-first": "Ada" } } },
      meta: {
        "auto-create-account": true,
        "auto-create-account-reference-id": USER,
        "auto-create-one-time-link": true,
        "one-time-link-expiration-seconds": 900,
      },
    });
    // The deprecated attribute is never sent.
    expect(JSON.stringify(request?.body)).not.toContain('"reference-id"');
  });

  it("names the matched account by ID when there is one", async () => {
    const fake = fakePersona([onPost("/inquiries", { status: 201, body: created })]);
    await createVerificationInquiry(asking(fake), { ...input, accountId: "act_Known1" });
    expect(fake.seen[0]?.body).toMatchObject({ data: { attributes: { "account-id": "act_Known1" } }, meta: { "auto-create-one-time-link": true } });
    expect(fake.seen[0]?.body).not.toMatchObject({ meta: { "auto-create-account-reference-id": expect.anything() } });
  });

  it.each([
    ["no one-time link", { data: created.data, meta: {} }],
    ["a link that is not https", { data: created.data, meta: { "one-time-link": "javascript:alert(1)" } }],
    ["no inquiry ID", { data: { type: "inquiry", attributes: { status: "created" } }, meta: created.meta }],
  ])("an answer with %s is persona_unavailable, not a link the overlay would render", async (_name, body) => {
    const fake = fakePersona([onPost("/inquiries", { status: 201, body })]);
    const error = await createVerificationInquiry(asking(fake), { ...input, accountId: null }).catch((caught: unknown) => caught);
    expect(isAppError(error, "persona_unavailable")).toBe(true);
  });

  it("is read back with its account's reference ID, its template and Persona's verified fields", async () => {
    const body = {
      data: {
        type: "inquiry",
        id: "inq_New1",
        attributes: { status: "approved", fields: { "name-first": { type: "string", value: "Ada" } } },
        relationships: { "inquiry-template": { data: { type: "inquiry-template", id: "itmpl_T1" } }, account: { data: { type: "account", id: "act_1" } } },
      },
      included: [{ type: "account", id: "act_1", attributes: { "reference-id": USER } }],
    };
    const fake = fakePersona([onGet("/inquiries/inq_New1", { include: "account" }, { body })]);
    expect(await readInquiry(asking(fake), "inq_New1")).toEqual({
      inquiryId: "inq_New1",
      status: "approved",
      referenceId: USER,
      templateId: "itmpl_T1",
      fields: { "name-first": { type: "string", value: "Ada" } },
    });
  });

  it("refuses to put anything but a Persona ID in the path", async () => {
    const fake = fakePersona([]);
    await expect(readInquiry(asking(fake), "../accounts")).rejects.toThrow();
    expect(fake.seen).toHaveLength(0);
  });
});
