import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { ROUTES } from "../support/role-matrix";

describe("the role matrix (test/worker/support/role-matrix.ts) names every organization route once", () => {
  it("every /api/orgs/{org}/… route of /openapi.json has its entry, and every entry is a documented route", async () => {
    const doc = (await (await api("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/orgs/{org}"))
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    // The seven lifecycle actions share one route; the matrix states each one's role.
    const inMatrix = new Set(ROUTES.map((route) => `${route.method} ${route.template}`));
    expect([...documented].filter((route) => !inMatrix.has(route)).sort()).toEqual([]);
    expect([...inMatrix].filter((route) => !documented.includes(route)).sort()).toEqual([]);
    const names = ROUTES.map((route) => route.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
