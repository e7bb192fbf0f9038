/**
 * Persona's error envelope `{"errors":[{title, details?, source?}]}` (docs/persona.md §3.2), with the titles of the
 * spec's shared error responses (`components/responses/*`). Each status has its own item shape in the spec: `source`
 * only on 422, no `details` on 401. Tests assert statuses, not wording.
 */
import type { FakeResponse } from "../okta/http";

export interface PersonaErrorItem {
  title: string;
  details?: string;
  source?: { pointer: string };
}

export class PersonaError extends Error {
  constructor(
    readonly status: number,
    readonly item: PersonaErrorItem,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${item.title}${item.details ? `: ${item.details}` : ""}`);
  }

  toResponse(): FakeResponse {
    return { status: this.status, headers: this.headers, body: { errors: [this.item] } };
  }
}

export const P = {
  /** 400: parameters the operation does not accept (unknown filter, bad page size, bad JSON, bad search query). */
  badRequest: (details: string) => new PersonaError(400, { title: "Bad Request", details }),
  /** 401: no key, a malformed header, or a key this environment does not know. */
  unauthenticated: () => new PersonaError(401, { title: "Must be authenticated to access this endpoint" }),
  /** 403: the key lacks the permission the operation needs. */
  forbidden: (details: string) => new PersonaError(403, { title: "Forbidden", details }),
  /** 404: an object id that does not exist in this environment. */
  notFound: (details?: string) => new PersonaError(404, { title: "Record not found", ...(details === undefined ? {} : { details }) }),
  /** 404 for a path the API does not serve (Persona's wording is not documented). */
  routeNotFound: () => new PersonaError(404, { title: "Not found" }),
  /** 409: optimistic-locking failure (a fault switch; the fake itself never races). */
  stale: () => new PersonaError(409, { title: "Stale object error", details: "Attempted to update a record that was just modified. Please try again." }),
  /** 422: a valid request the object cannot take. */
  unprocessable: (details: string, pointer?: string) =>
    new PersonaError(422, { title: "Unprocessable entity", details, ...(pointer === undefined ? {} : { source: { pointer } }) }),
  /** 422: an `Idempotency-Key` reused with other parameters (status per draft-ietf-httpapi-idempotency-key-header). */
  idempotencyMismatch: () =>
    new PersonaError(422, {
      title: "Unprocessable entity",
      details: "Idempotency-Key has already been used with different request parameters",
    }),
  rateLimited: (limit: number, windowSeconds: number) =>
    new PersonaError(429, {
      title: "Rate limit exceeded",
      details: `You have hit your rate limit of ${limit} requests / ${windowSeconds === 60 ? "min" : `${windowSeconds} s`}. Please reach out to support@withpersona.com if you need this changed.`,
    }),
  internal: () => new PersonaError(500, { title: "Internal Server Error" }),
  gateway: (status: 502 | 503 | 504) =>
    new PersonaError(status, { title: status === 502 ? "Bad Gateway" : status === 503 ? "Service Unavailable" : "Gateway Timeout" }),
};
