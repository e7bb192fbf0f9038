/** What every API operation receives and returns, and the route table entry that binds it to a path. */
import type { FakeResponse } from "../okta/http";
import type { Env } from "./env";
import { OPERATIONS, type OperationId, type Permission } from "./operations";

export interface ApiContext {
  env: Env;
  /** Under the base URL, e.g. `/cases/case_…`. */
  path: string;
  query: URLSearchParams;
  /** The parsed JSON body with its keys in kebab case, or undefined when there is none. */
  body: unknown;
  nowMs: number;
  /** Origin-relative path of this request (`/e/<env>/api/v1/cases`), which pagination links start with. */
  linkPath: string;
}

export interface Route {
  /** The spec's operationId. */
  operationId: OperationId;
  method: "GET" | "POST";
  /** Matched against the path under the base URL; capture groups are the path's ids (URL-decoded). */
  pattern: RegExp;
  permission: Permission;
  handle(context: ApiContext, params: string[]): FakeResponse;
}

type Handler = (context: ApiContext, params: string[]) => FakeResponse;

/** Binds a handler to an operation of {@link OPERATIONS}: its method, its path template as a pattern, its permission. */
export function route(operationId: OperationId, handle: Handler): Route {
  const { method, path, permission } = OPERATIONS[operationId];
  const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, "([^/]+)")}$`);
  return { operationId, method, pattern, permission, handle };
}

export const ok = (body: unknown): FakeResponse => ({ status: 200, body });
