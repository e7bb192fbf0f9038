/** Persona conformance: the fake serves operations of Persona's spec, and those the worker needs. */
import { describe, expect, it } from "vitest";
import { CREATE_INQUIRY_ATTRIBUTES, CREATE_INQUIRY_META, GENERATE_LINK_META } from "../../../fakes/persona/inquiry-request-bodies";
import { TRANSITIONS } from "../../../fakes/persona/inquiry-transitions";
import { OPERATIONS } from "../../../fakes/persona/operations";
import { doc, type J, requestSchema, setUpConformance, specOperation } from "./support";

setUpConformance();

const keys = (schema: J) => Object.keys(schema.properties).sort();

describe("the fake serves operations of Persona's spec", () => {
  it("declares, for every operation it serves, the spec's method and path of that operationId", () => {
    for (const [operationId, operation] of Object.entries(OPERATIONS)) {
      const { path, method } = specOperation(operationId);
      expect({ operationId, method, path }).toEqual({ operationId, method: operation.method, path: operation.path });
    }
  });

  it("covers what the worker needs: account by reference-id, cases, case retrieve, add-tag, inquiries, both searches, inquiry creation and links", () => {
    expect(Object.keys(OPERATIONS)).toEqual(
      expect.arrayContaining([
        "list-all-accounts",
        "search-accounts",
        "list-all-cases",
        "retrieve-case",
        "search-cases",
        "add-tag",
        "list-all-inquiries",
        "retrieve-an-inquiry",
        "create-an-inquiry",
        "generate-a-one-time-link",
      ]),
    );
  });

  it("accepts exactly the request members the spec declares for create-an-inquiry and generate-a-one-time-link", () => {
    const create = requestSchema("create-an-inquiry");
    expect(keys(create)).toEqual(["data", "meta"]);
    expect(keys(create.properties.data)).toEqual(["attributes"]);
    expect([...CREATE_INQUIRY_ATTRIBUTES].sort()).toEqual(keys(create.properties.data.properties.attributes));
    expect([...CREATE_INQUIRY_META].sort()).toEqual(keys(create.properties.meta));
    const generate = requestSchema("generate-a-one-time-link");
    expect(keys(generate)).toEqual(["meta"]);
    expect([...GENERATE_LINK_META].sort()).toEqual(keys(generate.properties.meta));
  });

  it("moves inquiries only to statuses the spec lists, each reported by an inquiry.* webhook of the spec carrying an inquiry", () => {
    const statuses = doc.components.schemas.inquiry.properties.attributes.properties.status.description;
    for (const [status, { event }] of Object.entries(TRANSITIONS)) {
      expect(statuses, `the spec lists status ${status}`).toContain(`- ${status}\n`);
      const webhook = doc.webhooks[event];
      expect(webhook, `the spec has a ${event} webhook`).toBeDefined();
      const attributes = webhook.post.requestBody.content["application/json"].schema.properties.data.allOf[1].properties.attributes.allOf[0].properties;
      expect(attributes.name.const).toBe(event);
      expect(attributes.payload.properties.data.$ref).toBe("#/components/schemas/inquiry");
    }
  });
});
