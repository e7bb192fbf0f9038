import { describe, expect, it } from "vitest";
import { createApp } from "../../../worker/src/app";
import { api } from "../support/api";

type Document = { openapi: string; info: { version: string }; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

async function document(): Promise<Document> {
  const response = await api("/openapi.json");
  expect(response.status).toBe(200);
  return (await response.json()) as Document;
}

describe("GET /openapi.json documents every route the app mounts", () => {
  it("is an OpenAPI 3.1 document with the worker's version", async () => {
    const doc = await document();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("every mounted route (method and path) is in the document, and the document names no route the app lacks", async () => {
    const doc = await document();
    const mounted = new Set(
      createApp()
        .routes.filter((route) => route.method !== "ALL" && route.path !== "/openapi.json")
        .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:([A-Za-z]+)/g, "{$1}")}`),
    );
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`)));
    expect([...mounted].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !mounted.has(route))).toEqual([]);
    expect(mounted.size).toBeGreaterThan(40);
  });

  it("every route declares its success answer and the error envelope", async () => {
    const doc = await document();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const statuses = Object.keys(operation.responses);
        expect(
          statuses.some((status) => /^[23]\d\d$/.test(status)),
          `${method} ${path}`,
        ).toBe(true);
        expect(statuses, `${method} ${path}`).toContain("default");
      }
    }
  });
});
