/** Persona conformance: the fake serves operations of Persona's spec, and those the worker needs. */
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../../../fakes/persona/operations";
import { setUpConformance, specOperation } from "./support";

setUpConformance();

describe("the fake serves operations of Persona's spec", () => {
  it("declares, for every operation it serves, the spec's method and path of that operationId", () => {
    for (const [operationId, operation] of Object.entries(OPERATIONS)) {
      const { path, method } = specOperation(operationId);
      expect({ operationId, method, path }).toEqual({ operationId, method: operation.method, path: operation.path });
    }
  });

  it("covers what the worker needs: account by reference-id, cases, case retrieve, add-tag, inquiries, both searches", () => {
    expect(Object.keys(OPERATIONS)).toEqual(
      expect.arrayContaining(["list-all-accounts", "search-accounts", "list-all-cases", "retrieve-case", "search-cases", "add-tag", "list-all-inquiries"]),
    );
  });
});
