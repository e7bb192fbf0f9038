import { Hono } from "hono";
import { AppError } from "../../../shared/errors";
import {
  PatchPersonaSchema,
  type PersonaSettings,
  PersonaSettingsSchema,
  type PutPersonaInput,
  PutPersonaSchema,
  personaEnvironmentOf,
  type StoredPersona,
} from "../../../shared/persona";
import { actorOf } from "../auth/actor";
import { requireOrgRole, requirePrincipal } from "../auth/require-role";
import { requireKeyRing, reseal, seal } from "../crypto/secret-box";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import { auditChange } from "../http/audit-change";
import type { AppContext, HonoEnv } from "../http/context";
import { readJson } from "../http/read-json";
import { resolvePersonaBaseUrl } from "../persona/base-url";
import { deletePersona, getPersona, personaKeyAad, putPersona, toPersonaView } from "../storage/persona";
import { personaSummary } from "./change-summaries";
import { loadOrg } from "./load-org";

/**
 * The organization's Persona connection (admin only): the API key is sealed at rest and never answered, not even
 * to admins. Any change forgets the organization's cached Persona contexts, so the next view uses the new one.
 */
export const personaRoutes = new Hono<HonoEnv>()
  .get("/api/orgs/:org/persona", async (c) => {
    const orgId = await adminOrg(c);
    return c.json(toPersonaView(await getPersona(c.get("env").CONFIG, orgId)));
  })
  .put("/api/orgs/:org/persona", async (c) => {
    const orgId = await adminOrg(c);
    const input = await readJson(c, PutPersonaSchema);
    const env = c.get("env");
    const keys = requireKeyRing(env.ENCRYPTION_KEYS);
    const current = await getPersona(env.CONFIG, orgId);
    const nowIso = new Date(c.get("nowMs")).toISOString();
    const baseUrl = input.baseUrl !== undefined || !current ? resolvePersonaBaseUrl(input.baseUrl, env.ALLOW_LOOPBACK_UPSTREAMS) : current.baseUrl;
    const record: StoredPersona = {
      orgId,
      baseUrl,
      environment: personaEnvironmentOf(input.apiKey),
      // Sealed for this host only: the key opens for no other base URL (crypto/secret-box.ts, destinations).
      apiKey: await seal(input.apiKey, personaKeyAad(orgId), keys, baseUrl),
      settings: mergeSettings(current?.settings ?? PersonaSettingsSchema.parse({}), input),
      createdAt: current?.createdAt ?? nowIso,
      updatedAt: nowIso,
    };
    await save(c, record);
    // A PUT always takes a key: the action says so, the summary never holds it.
    await auditChange(c, { orgId, action: "persona_key_set", before: personaSummary(current), after: personaSummary(record), status: 200 });
    return c.json(toPersonaView(record));
  })
  .patch("/api/orgs/:org/persona", async (c) => {
    const orgId = await adminOrg(c);
    const input = await readJson(c, PatchPersonaSchema);
    const env = c.get("env");
    const current = await getPersona(env.CONFIG, orgId);
    if (!current) throw notConfigured();
    const baseUrl = input.baseUrl === undefined ? current.baseUrl : resolvePersonaBaseUrl(input.baseUrl, env.ALLOW_LOOPBACK_UPSTREAMS);
    // The key was entered for the current host: moving it would send `Authorization: Bearer <key>` to a host an admin
    // (or whoever holds an admin session) just chose. A new host takes the key again, with PUT.
    if (new URL(baseUrl).href !== new URL(current.baseUrl).href) {
      throw new AppError("secret_reentry_required", "a new Persona host needs the API key again: PUT /api/orgs/{org}/persona {apiKey, baseUrl}", {
        field: "apiKey",
      });
    }
    const record: StoredPersona = {
      ...current,
      // Every write re-seals under the newest ENCRYPTION_KEYS version (rotation, crypto/secret-box.ts), bound to the host.
      apiKey: await reseal(current.apiKey, personaKeyAad(orgId), requireKeyRing(env.ENCRYPTION_KEYS), baseUrl),
      baseUrl,
      settings: mergeSettings(current.settings, input),
      updatedAt: new Date(c.get("nowMs")).toISOString(),
    };
    await save(c, record);
    await auditChange(c, { orgId, action: "persona_update", before: personaSummary(current), after: personaSummary(record), status: 200 });
    return c.json(toPersonaView(record));
  })
  .delete("/api/orgs/:org/persona", async (c) => {
    const orgId = await adminOrg(c);
    const env = c.get("env");
    const current = await getPersona(env.CONFIG, orgId);
    await deletePersona(env.CONFIG, orgId);
    unwrap(await gateOf(env, orgId).personaChanged(orgId, null));
    if (current) await auditChange(c, { orgId, action: "persona_disconnect", before: personaSummary(current), after: null, status: 204 });
    return c.body(null, 204);
  })
  /** "Test": whether Persona accepts the stored key, with Persona's title and the fix when it does not (in the gate, audited). */
  .post("/api/orgs/:org/persona/test", async (c) => {
    const orgId = await adminOrg(c);
    const report = unwrap(await gateOf(c.get("env"), orgId).testPersona(orgId, actorOf(requirePrincipal(c)), c.get("nowMs")));
    if (!report) throw notConfigured();
    return c.json(report);
  });

async function adminOrg(c: AppContext): Promise<string> {
  requireOrgRole(c, c.req.param("org")!, "admin");
  return (await loadOrg(c, c.req.param("org")!)).settings.id;
}

function notConfigured(): AppError {
  return new AppError("persona_not_configured", "this organization has not connected Persona (PUT /api/orgs/{org}/persona)");
}

/**
 * Settings given replace their current value; those not given stay. Turning email matching on without naming a
 * field searches Persona's default account field, `email_address`.
 */
function mergeSettings(current: PersonaSettings, input: Pick<PutPersonaInput, "matchByEmail" | "tagCasesAfterActions">): PersonaSettings {
  const next = { ...current };
  if (input.matchByEmail !== undefined) {
    const { enabled, accountField, caseField } = input.matchByEmail;
    const noField = accountField === undefined && caseField === undefined;
    next.matchByEmail = { enabled, accountField: accountField ?? (enabled && noField ? "email_address" : null), caseField: caseField ?? null };
  }
  if (input.tagCasesAfterActions !== undefined) next.tagCasesAfterActions = input.tagCasesAfterActions;
  return next;
}

async function save(c: AppContext, record: StoredPersona): Promise<void> {
  const env = c.get("env");
  await putPersona(env.CONFIG, record);
  // The gate uses the new record at once (KV takes up to a minute to converge everywhere) and forgets the contexts
  // it matched with the old key or settings.
  unwrap(await gateOf(env, record.orgId).personaChanged(record.orgId, record));
}
