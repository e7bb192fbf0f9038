/** Okta conformance: the operation catalog and the fake's operation table cannot drift from Okta's spec. */
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../../../fakes/okta/operations";
import { OKTA_ACTIONS } from "../../../shared/okta-actions";
import { catalogPermissionIds, type J, normalizePath, setUpConformance, specOperation } from "./support";

setUpConformance();

/** Operations the fake serves that the worker's catalog does not (yet) proxy; each still has to match the spec. */
const BEYOND_CATALOG = ["listLogEvents", "revokeUserSessions"];

describe("the operation catalog cannot drift from Okta's spec", () => {
  it("declares, for every catalog action, the spec's method, path and OAuth scope of its operationId", () => {
    for (const [name, action] of Object.entries(OKTA_ACTIONS)) {
      const { path, method, op } = specOperation(action.operationId);
      expect({ name, method, path: normalizePath(path) }).toEqual({ name, method: action.method, path: normalizePath(action.path) });
      const oauth = (op.security as J[]).find((requirement) => "oauth2" in requirement);
      expect({ name, scopes: oauth?.oauth2 }).toEqual({ name, scopes: [action.scope] });
    }
  });

  it("serves the catalog's operations (and the listed others), with the spec's scopes and the catalog's permission ids", () => {
    const catalog = Object.values(OKTA_ACTIONS);
    const expected = new Set([...catalog.map((action) => action.operationId), ...BEYOND_CATALOG]);
    expect(OPERATIONS.map((op) => op.operationId).sort()).toEqual([...expected].sort());
    for (const operation of OPERATIONS) {
      const action = catalog.find((candidate) => candidate.operationId === operation.operationId);
      const { path, method, op } = specOperation(operation.operationId);
      expect({ id: operation.operationId, method: operation.method, path: normalizePath(operation.path) }).toEqual({
        id: operation.operationId,
        method,
        path: normalizePath(path),
      });
      expect(operation.scope).toBe((op.security as J[]).find((requirement) => "oauth2" in requirement).oauth2[0]);
      if (action === undefined) continue;
      expect({ id: operation.operationId, permissions: operation.permissions }).toEqual({
        id: operation.operationId,
        permissions: catalogPermissionIds(action.permission),
      });
    }
  });
});
