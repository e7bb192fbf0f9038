/** Verified recovery as the tests drive it: an organization with Okta, Persona, a webhook secret and a policy. */

import { SELF } from "cloudflare:test";
import { expect } from "vitest";
import { eventually, type PersonaFixture, personaControl, personaFixture } from "../persona/support";
import { SECRET } from "../persona/webhook-support";
import { api, BASE, BOOTSTRAP } from "../support/api";

export const TEMPLATE = "itmpl_Recovery1";

export type RecoveryFixture = Awaited<ReturnType<typeof recoveryFixture>>;

/** An org key with `role`, as request headers. */
async function keyHeaders(orgId: string, role: "viewer" | "operator" | "admin"): Promise<Record<string, string>> {
  const response = await api(`/api/orgs/${orgId}/api-keys`, { method: "POST", headers: BOOTSTRAP, json: { name: `${role} key`, role } });
  if (response.status !== 201) throw new Error(`api key: ${response.status} ${await response.text()}`);
  return { authorization: `Bearer ${((await response.json()) as { key: string }).key}` };
}

/**
 * `personaFixture` plus the Persona webhook secret and a verification policy (`policy` overrides its fields), and
 * helpers for the verification routes, the gated actions and the fake's control of an inquiry.
 */
export async function recoveryFixture(policy: Record<string, unknown> = {}, options: { policy?: boolean } = {}) {
  const fixture: PersonaFixture = await personaFixture();
  const orgId = fixture.org.id;
  expect((await api(`/api/orgs/${orgId}/persona/webhook`, { method: "PUT", headers: BOOTSTRAP, json: { secrets: [SECRET] } })).status).toBe(200);
  if (options.policy !== false) {
    const put = await api(`/api/orgs/${orgId}/verification`, { method: "PUT", headers: BOOTSTRAP, json: { templateId: TEMPLATE, ...policy } });
    expect(put.status).toBe(200);
  }
  const [operator, admin, viewer] = await Promise.all([keyHeaders(orgId, "operator"), keyHeaders(orgId, "admin"), keyHeaders(orgId, "viewer")]);
  const base = (userId: string) => `/api/orgs/${orgId}/okta/users/${userId}/verifications`;
  const inquiry = (id: string) => `/envs/${fixture.persona.envId}/inquiries/${id}`;
  return {
    ...fixture,
    keys: { operator, admin, viewer },
    start: (userId: string, body?: unknown, headers: Record<string, string> = operator) =>
      api(base(userId), { method: "POST", headers, ...(body === undefined ? {} : { json: body }) }),
    list: (userId: string, headers: Record<string, string> = operator) => api(base(userId), { headers }),
    read: (userId: string, id: string, headers: Record<string, string> = operator) => api(`${base(userId)}/${id}`, { headers }),
    cancel: (userId: string, id: string, headers: Record<string, string> = operator) => api(`${base(userId)}/${id}`, { method: "DELETE", headers }),
    /** A gated lifecycle action with `body` (a verificationId or an overrideReason). */
    lifecycle: (userId: string, action: string, body?: unknown, headers: Record<string, string> = operator) =>
      api(`/api/orgs/${orgId}/okta/users/${userId}/lifecycle/${action}`, { method: "POST", headers, ...(body === undefined ? {} : { json: body }) }),
    /** What the person's ID showed (the fake's control API). */
    verifiedFields: (inquiryId: string, fields: Record<string, string>) => personaControl(`${inquiry(inquiryId)}/verified-fields`, { json: fields }),
    /** Moves the inquiry to `status` at the fake, and delivers the signed `inquiry.*` webhook it builds to the worker. */
    transition: async (inquiryId: string, status: string) => {
      const result = (await personaControl(`${inquiry(inquiryId)}/transition`, { json: { status, webhook: { dryRun: true, secret: SECRET } } })) as {
        delivery: { request: { headers: Record<string, string>; body: string } };
      };
      const { headers, body } = result.delivery.request;
      const response = await SELF.fetch(`${BASE}/${orgId}/webhooks/persona`, { method: "POST", headers, body });
      expect(response.status).toBe(200);
    },
    /** Only moves the inquiry at the fake: no webhook reaches the worker. */
    transitionSilently: (inquiryId: string, status: string) => personaControl(`${inquiry(inquiryId)}/transition`, { json: { status } }),
    /** Waits for the verification to reach `status` (webhooks are handled after their acknowledgement). */
    until: async (userId: string, id: string, status: string) => {
      const read = async () => (await (await api(`${base(userId)}/${id}`, { headers: operator })).json()) as { status: string };
      return (await eventually(read, (value) => value.status === status)) as Record<string, unknown> & { status: string };
    },
  };
}

/** A started verification's answer, checked to be a 201. */
export async function started(response: Response): Promise<{ id: string; inquiryId: string; oneTimeLink: string; linkExpiresAt: string; status: string }> {
  expect(response.status).toBe(201);
  return (await response.json()) as never;
}
