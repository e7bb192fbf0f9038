import { describe, expect, it } from "vitest";
import { api } from "../support/api";

type Operation = { tags?: string[]; requestBody?: { content: Record<string, unknown> }; responses: Record<string, { content?: Record<string, unknown> }> };

describe("/openapi.json documents the SCIM routes as SCIM", () => {
  it("every /{org}/scim/v2 operation is tagged SCIM, takes and answers application/scim+json, and fails with SCIM's error body", async () => {
    const doc = (await (await api("/openapi.json")).json()) as { paths: Record<string, Record<string, Operation>> };
    const scim = Object.entries(doc.paths).filter(([path]) => path.startsWith("/{org}/scim/v2"));
    expect(scim.map(([path]) => path).sort()).toEqual([
      "/{org}/scim/v2/Groups",
      "/{org}/scim/v2/Groups/{id}",
      "/{org}/scim/v2/ResourceTypes",
      "/{org}/scim/v2/Schemas",
      "/{org}/scim/v2/ServiceProviderConfig",
      "/{org}/scim/v2/Users",
      "/{org}/scim/v2/Users/{id}",
    ]);
    for (const [path, item] of scim) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.tags, `${method} ${path}`).toEqual(["SCIM"]);
        expect(Object.keys(operation.responses.default?.content ?? {}), `${method} ${path}`).toEqual(["application/scim+json"]);
        if (operation.requestBody) expect(Object.keys(operation.requestBody.content)).toEqual(["application/scim+json"]);
      }
    }
    expect(Object.keys(doc.paths["/{org}/scim/v2/Users/{id}"]!).sort()).toEqual(["delete", "get", "patch", "put"]);
  });
});
