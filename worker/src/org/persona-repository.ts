import { AppError } from "../../../shared/errors";
import {
  type PatchPersonaInput,
  type PersonaSettings,
  PersonaSettingsSchema,
  type PersonaTestResult,
  type PersonaView,
  type PutPersonaInput,
  personaEnvironmentOf,
  type StoredPersona,
} from "../../../shared/persona";
import { requireKeyRing, reseal, seal } from "../crypto/secret-box";
import type { AppEnv } from "../env";
import { unwrap } from "../gate/answer";
import type { VerifiedCaller } from "../gate/caller";
import type { GateRpc } from "../gate/client";
import { resolvePersonaBaseUrl } from "../persona/base-url";
import { deletePersona, getPersona, personaKeyAad, putPersona, toPersonaView } from "../storage/persona";
import type { AuditWriter } from "./audit-writer";
import { personaSummary } from "./change-summaries";

function notConfigured(): AppError {
  return new AppError("persona_not_configured", "this organization has not connected Persona (PUT /api/orgs/{org}/persona)");
}

/**
 * The organization's Persona connection: the API key sealed for its organization and its host (it opens for no
 * other base URL), every change audited and handed to the organization's gate at once (it forgets the Persona
 * contexts it matched with the old key or settings). The key is never answered, not even to admins.
 */
export class PersonaRepository {
  constructor(
    private readonly env: AppEnv,
    private readonly orgId: string,
    private readonly gate: GateRpc,
    private readonly audit: AuditWriter,
    private readonly caller: VerifiedCaller,
    private readonly nowMs: number,
  ) {}

  async view(): Promise<PersonaView> {
    return toPersonaView(await getPersona(this.env.CONFIG, this.orgId));
  }

  /** Connects (or replaces) with a key; a PUT always takes a key, the audit says so and never holds it. */
  async set(input: PutPersonaInput): Promise<PersonaView> {
    const keys = requireKeyRing(this.env.ENCRYPTION_KEYS);
    const current = await getPersona(this.env.CONFIG, this.orgId);
    const nowIso = new Date(this.nowMs).toISOString();
    const baseUrl = input.baseUrl !== undefined || !current ? resolvePersonaBaseUrl(input.baseUrl, this.env.ALLOW_LOOPBACK_UPSTREAMS) : current.baseUrl;
    const record: StoredPersona = {
      orgId: this.orgId,
      baseUrl,
      environment: personaEnvironmentOf(input.apiKey),
      // Sealed for this host only: the key opens for no other base URL (crypto/secret-box.ts, destinations).
      apiKey: await seal(input.apiKey, personaKeyAad(this.orgId), keys, baseUrl),
      settings: mergeSettings(current?.settings ?? PersonaSettingsSchema.parse({}), input),
      createdAt: current?.createdAt ?? nowIso,
      updatedAt: nowIso,
    };
    await this.save(record);
    await this.audit.change({ action: "persona_key_set", before: personaSummary(current), after: personaSummary(record), status: 200 });
    return toPersonaView(record);
  }

  /** Settings, or the host: a new host needs the key again (the key goes only where it was entered for). */
  async update(input: PatchPersonaInput): Promise<PersonaView> {
    const current = await getPersona(this.env.CONFIG, this.orgId);
    if (!current) throw notConfigured();
    const baseUrl = input.baseUrl === undefined ? current.baseUrl : resolvePersonaBaseUrl(input.baseUrl, this.env.ALLOW_LOOPBACK_UPSTREAMS);
    // Moving the key would send `Authorization: Bearer <key>` to a host an admin (or whoever holds an admin session)
    // just chose. A new host takes the key again, with PUT.
    if (new URL(baseUrl).href !== new URL(current.baseUrl).href) {
      throw new AppError("secret_reentry_required", "a new Persona host needs the API key again: PUT /api/orgs/{org}/persona {apiKey, baseUrl}", {
        field: "apiKey",
      });
    }
    const record: StoredPersona = {
      ...current,
      // Every write re-seals under the newest ENCRYPTION_KEYS version (rotation, crypto/secret-box.ts), bound to the host.
      apiKey: await reseal(current.apiKey, personaKeyAad(this.orgId), requireKeyRing(this.env.ENCRYPTION_KEYS), baseUrl),
      baseUrl,
      settings: mergeSettings(current.settings, input),
      updatedAt: new Date(this.nowMs).toISOString(),
    };
    await this.save(record);
    await this.audit.change({ action: "persona_update", before: personaSummary(current), after: personaSummary(record), status: 200 });
    return toPersonaView(record);
  }

  async remove(): Promise<void> {
    const current = await getPersona(this.env.CONFIG, this.orgId);
    await deletePersona(this.env.CONFIG, this.orgId);
    unwrap(await this.gate.personaChanged(this.orgId, null));
    if (current) await this.audit.change({ action: "persona_disconnect", before: personaSummary(current), after: null, status: 204 });
  }

  /** "Test": whether Persona accepts the stored key (run and audited in the gate). */
  async test(): Promise<PersonaTestResult> {
    const report = unwrap(await this.gate.testPersona(this.orgId, this.caller, this.nowMs));
    if (!report) throw notConfigured();
    return report;
  }

  private async save(record: StoredPersona): Promise<void> {
    await putPersona(this.env.CONFIG, record);
    // The gate uses the new record at once (KV takes up to a minute to converge everywhere).
    unwrap(await this.gate.personaChanged(this.orgId, record));
  }
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
