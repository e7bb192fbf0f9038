import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { EncryptionKeysSchema } from "../../../worker/src/crypto/secret-box";
import { oktaHookSecrets } from "../../../worker/src/storage/okta-event-hook";
import { personaWebhookSecrets } from "../../../worker/src/storage/persona-automation";

const keys = EncryptionKeysSchema.parse(env.ENCRYPTION_KEYS);

describe("inbound hook secrets sealed in KV", () => {
  it("open only in their own store, organization and slot: a sealed value copied elsewhere does not open", async () => {
    const org = `sealed-${crypto.randomUUID().slice(0, 8)}`;
    await personaWebhookSecrets.put(env.CONFIG, org, ["persona-secret-0123456789abcdef"], keys, Date.now());
    await oktaHookSecrets.put(env.CONFIG, org, ["okta-secret-0123456789abcdefghij", "okta-next-0123456789abcdefghijk"], keys, Date.now());
    expect(await oktaHookSecrets.get(env.CONFIG, org, keys)).toEqual(["okta-secret-0123456789abcdefghij", "okta-next-0123456789abcdefghijk"]);
    expect(JSON.stringify(await env.CONFIG.get(`okta-event-hook:${org}`))).not.toContain("okta-secret");

    const persona = await env.CONFIG.get(`persona-webhook:${org}`);
    const okta = JSON.parse((await env.CONFIG.get(`okta-event-hook:${org}`))!) as { secrets: unknown[]; updatedAt: string };
    // Persona's record under Okta's key: another store's AAD.
    await env.CONFIG.put(`okta-event-hook:${org}`, persona!);
    await expect(oktaHookSecrets.get(env.CONFIG, org, keys)).rejects.toThrow();
    // Okta's record under another organization: another organization's AAD.
    await env.CONFIG.put(`okta-event-hook:${org}-other`, JSON.stringify(okta));
    await expect(oktaHookSecrets.get(env.CONFIG, `${org}-other`, keys)).rejects.toThrow();
    // The two slots swapped: each is bound to its index.
    await env.CONFIG.put(`okta-event-hook:${org}`, JSON.stringify({ ...okta, secrets: [okta.secrets[1], okta.secrets[0]] }));
    await expect(oktaHookSecrets.get(env.CONFIG, org, keys)).rejects.toThrow();
  });
});
