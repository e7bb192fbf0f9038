/** Okta conformance: the operation catalog and the fake's operation table cannot drift from Okta's spec. */
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../../../fakes/okta/operations";
import { OKTA_ACTIONS } from "../../../shared/okta-actions";
import { catalogPermissionIds, type J, normalizePath, setUpConformance, specOperation } from "./support";

setUpConformance();

describe("the operation catalog cannot drift from Okta's spec", () => {
  it("declares, for every catalog action, the spec's method, path and OAuth scope of its operationId", () => {
    for (const [name, action] of Object.entries(OKTA_ACTIONS)) {
      const { path, method, op } = specOperation(action.operationId);
      expect({ name, method, path: normalizePath(path) }).toEqual({ name, method: action.method, path: normalizePath(action.path) });
      const oauth = (op.security as J[]).find((requirement) => "oauth2" in requirement);
      expect({ name, scopes: oauth?.oauth2 }).toEqual({ name, scopes: [action.scope] });
    }
  });

  it("serves exactly the catalog's operations, with the spec's scopes and the catalog's permission ids", () => {
    const catalog = Object.values(OKTA_ACTIONS);
    expect(OPERATIONS.map((op) => op.operationId).sort()).toEqual(catalog.map((action) => action.operationId).sort());
    for (const operation of OPERATIONS) {
      const action = catalog.find((candidate) => candidate.operationId === operation.operationId)!;
      const { path, method, op } = specOperation(operation.operationId);
      expect({ id: operation.operationId, method: operation.method, path: normalizePath(operation.path) }).toEqual({
        id: operation.operationId,
        method,
        path: normalizePath(path),
      });
      expect(operation.scope).toBe((op.security as J[]).find((requirement) => "oauth2" in requirement).oauth2[0]);
      expect({ id: operation.operationId, permissions: operation.permissions }).toEqual({
        id: operation.operationId,
        permissions: catalogPermissionIds(action.permission),
      });
    }
  });
});
