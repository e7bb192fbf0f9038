/** Persona webhook deliveries as the tests send them: a case event, its signature header, the rule that acts on it. */

import { SELF } from "cloudflare:test";
import { createHmac } from "node:crypto";
import { expect } from "vitest";
import type { OktaFixture } from "../okta/support";
import { api, BASE, BOOTSTRAP } from "../support/api";

export const SECRET = "wbhsec_0123456789abcdef0123456789";
export const ROTATED = "wbhsec_fedcba9876543210fedcba9876";

export function caseEvent(input: { eventId?: string; name?: string; status: string; referenceId: string; createdAt?: string }) {
  return {
    data: {
      type: "event",
      id: input.eventId ?? `evt_${crypto.randomUUID().replace(/-/g, "")}`,
      attributes: {
        name: input.name ?? "case.resolved",
        "created-at": input.createdAt ?? new Date().toISOString(),
        payload: {
          data: {
            type: "case",
            id: "case_abc123",
            attributes: { status: input.status, name: "KYC review", "resolved-at": new Date().toISOString() },
            relationships: { accounts: { data: [{ type: "account", id: "act_1" }] } },
          },
          included: [{ type: "account", id: "act_1", attributes: { "reference-id": input.referenceId } }],
        },
      },
    },
  };
}

export function signature(body: string, secret: string, t = Math.floor(Date.now() / 1000)): string {
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

export function deliver(orgId: string, event: unknown, header: (body: string) => string) {
  const body = JSON.stringify(event);
  return SELF.fetch(`${BASE}/${orgId}/webhooks/persona`, {
    method: "POST",
    headers: { "content-type": "application/json", "persona-signature": header(body) },
    body,
  });
}

export async function configure(okta: OktaFixture, secrets: string[] = [SECRET]) {
  expect((await api(`/api/orgs/${okta.org.id}/persona/webhook`, { method: "PUT", headers: BOOTSTRAP, json: { secrets } })).status).toBe(200);
  const rule = await api(`/api/orgs/${okta.org.id}/persona/rules`, {
    method: "POST",
    headers: BOOTSTRAP,
    json: { name: "Declined case suspends", event: "case.resolved", status: "Declined", action: "suspend" },
  });
  expect(rule.status).toBe(201);
  return ((await rule.json()) as { id: string }).id;
}

/** Rules run after the acknowledgement (waitUntil): wait for their audit entries. */
export async function automationEntries(orgId: string, expected: number): Promise<Array<Record<string, unknown>>> {
  for (let i = 0; i < 50; i++) {
    const entries = (
      (await (await api(`/api/orgs/${orgId}/audit`, { headers: BOOTSTRAP })).json()) as { entries: Array<{ actor: { kind: string } }> }
    ).entries.filter((entry) => entry.actor.kind === "automation");
    if (entries.length >= expected) return entries;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return [];
}
