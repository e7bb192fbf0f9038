import type { ScimType } from "../../../shared/scim";

/**
 * A SCIM refusal (RFC 7644 §3.12): its HTTP status and `scimType`. Thrown inside the organization's Durable Object
 * transaction so that a refused write writes nothing; it crosses RPC as plain data ({@link ScimRefusal}) and the
 * SCIM routes answer it as the SCIM error body.
 */
export class ScimFailure extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 413 | 415,
    readonly scimType: ScimType | undefined,
    readonly detail: string,
  ) {
    super(detail);
  }

  toRefusal(): ScimRefusal {
    return { ok: false, status: this.status, ...(this.scimType ? { scimType: this.scimType } : {}), detail: this.detail };
  }
}

/** A refusal as the Durable Object answers it (class identity does not survive RPC). */
export type ScimRefusal = { ok: false; status: ScimFailure["status"]; scimType?: ScimType; detail: string };

export const invalidValue = (detail: string) => new ScimFailure(400, "invalidValue", detail);
export const invalidPath = (detail: string) => new ScimFailure(400, "invalidPath", detail);
export const notFound = (detail: string) => new ScimFailure(404, undefined, detail);
export const uniqueness = (detail: string) => new ScimFailure(409, "uniqueness", detail);
