/**
 * The spec operations the fake serves (operationId, method, path template of the 2025-12-08 spec) and the permission
 * each needs. Pure data, so the conformance tests (test/fakes/persona/catalog.test.ts) can hold it against the spec.
 * Persona's API key permission names are not documented by Persona (docs/persona.md); these are the fake's own.
 */

export const PERMISSIONS = ["account.read", "case.read", "case.write", "inquiry.read", "inquiry.write"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface Operation {
  method: "GET" | "POST";
  /** The spec's path template, e.g. `/cases/{case-id}/add-tag`. */
  path: string;
  permission: Permission;
}

export const OPERATIONS = {
  "list-all-accounts": { method: "GET", path: "/accounts", permission: "account.read" },
  "search-accounts": { method: "POST", path: "/accounts/search", permission: "account.read" },
  "retrieve-an-account": { method: "GET", path: "/accounts/{account-id}", permission: "account.read" },
  "list-all-cases": { method: "GET", path: "/cases", permission: "case.read" },
  "search-cases": { method: "POST", path: "/cases/search", permission: "case.read" },
  "retrieve-case": { method: "GET", path: "/cases/{case-id}", permission: "case.read" },
  "add-tag": { method: "POST", path: "/cases/{case-id}/add-tag", permission: "case.write" },
  "remove-tag": { method: "POST", path: "/cases/{case-id}/remove-tag", permission: "case.write" },
  "list-all-inquiries": { method: "GET", path: "/inquiries", permission: "inquiry.read" },
  "retrieve-an-inquiry": { method: "GET", path: "/inquiries/{inquiry-id}", permission: "inquiry.read" },
  "create-an-inquiry": { method: "POST", path: "/inquiries", permission: "inquiry.write" },
  "generate-a-one-time-link": { method: "POST", path: "/inquiries/{inquiry-id}/generate-one-time-link", permission: "inquiry.write" },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof OPERATIONS;
