import { SCIM_PATCH, SCIM_USER } from "../../../shared/scim";
import { api, BOOTSTRAP, createOrg } from "../support/api";

/** An organization with one SCIM token, and a SCIM client for it (as Okta calls: bearer token, scim+json). */
export async function scimOrg(extra: Record<string, unknown> = {}) {
  const org = await createOrg(extra);
  const token = await newToken(org.id);
  return { org, token: token.token, tokenId: token.id, base: token.scimBaseUrl, scim: scimClient(org.id, token.token) };
}

export async function newToken(orgId: string): Promise<{ id: string; token: string; scimBaseUrl: string; createdAt: string }> {
  const response = await api(`/api/orgs/${orgId}/scim/tokens`, { method: "POST", headers: BOOTSTRAP });
  if (response.status !== 201) throw new Error(`scim token: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; token: string; scimBaseUrl: string; createdAt: string };
}

export type ScimClient = (path: string, init?: { method?: string; json?: unknown; headers?: Record<string, string> }) => Promise<Response>;

/** Calls `/{org}/scim/v2{path}` with the token; a `json` body is sent as `application/scim+json`. */
export function scimClient(orgId: string, token: string): ScimClient {
  return (path, init = {}) =>
    api(`/${orgId}/scim/v2${path}`, {
      method: init.method ?? "GET",
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.json === undefined ? {} : { "content-type": "application/scim+json" }),
        ...init.headers,
      },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
}

/** A User as Okta posts it (userName is the login, usually the email). */
export function oktaUser(email: string, overrides: Record<string, unknown> = {}) {
  return {
    schemas: [SCIM_USER],
    userName: email,
    name: { givenName: "Ada", familyName: "Lovelace" },
    emails: [{ primary: true, value: email, type: "work" }],
    displayName: "Ada Lovelace",
    locale: "en-US",
    externalId: "00u1abcd",
    groups: [],
    password: "not-kept-9X!",
    active: true,
    ...overrides,
  };
}

export const patch = (...Operations: unknown[]) => ({ schemas: [SCIM_PATCH], Operations });

/** The SCIM error body of a refusal, with its status checked. */
export async function scimError(response: Response, status: number): Promise<{ status: string; scimType?: string; detail: string; schemas: string[] }> {
  const body = (await response.json()) as { status: string; scimType?: string; detail: string; schemas: string[] };
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

export async function json<T = Record<string, unknown>>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}
