import type { AppEnv } from "../env";
import type { VerifiedCaller } from "../gate/caller";
import { type GateRpc, gateOf } from "../gate/client";
import { oktaHookSecrets } from "../storage/okta-event-hook";
import type { OrgRecord } from "../storage/org-config";
import { type OrgStoreStub, orgStore } from "../storage/org-store-client";
import { personaWebhookSecrets } from "../storage/persona-automation";
import { ApiKeyRegistry } from "./api-key-registry";
import { AuditWriter } from "./audit-writer";
import { CredentialRepository } from "./credential-repository";
import { HookSecrets } from "./hook-secrets";
import { OrgSettingsStore } from "./org-settings";
import { PersonaAutomation } from "./persona-automation";
import { PersonaRepository } from "./persona-repository";
import { ScimTokenRegistry } from "./scim-token-registry";
import { UserDirectory } from "./user-directory";
import { VerificationPolicyStore } from "./verification-policy";

/** What one request of an organization's caller needs, built on first use (routes/org-scope.ts puts it on `c.var`). */
export type OrgServicesInput = { env: AppEnv; org: OrgRecord; caller: VerifiedCaller; nowMs: number; publicBase: string };

/**
 * The organization's typed services for one request: its gate, its storage, the audit writer for this caller, and
 * the repositories that own sealing, AAD, rotation and the audit of every configuration change.
 */
export class OrgServices {
  readonly orgId: string;
  readonly gate: GateRpc;
  readonly store: OrgStoreStub;
  readonly audit: AuditWriter;
  /** The caller's audit identity and role. */
  readonly caller: VerifiedCaller;

  constructor(private readonly input: OrgServicesInput) {
    this.orgId = input.org.settings.id;
    this.caller = input.caller;
    this.gate = gateOf(input.env, this.orgId);
    this.store = orgStore(input.env, this.orgId);
    this.audit = new AuditWriter(this.store, input.caller, input.nowMs);
  }

  get credentials(): CredentialRepository {
    const { env, nowMs, publicBase } = this.input;
    return new CredentialRepository(env, this.orgId, this.gate, this.audit, nowMs, publicBase);
  }

  get persona(): PersonaRepository {
    const { env, caller, nowMs } = this.input;
    return new PersonaRepository(env, this.orgId, this.gate, this.audit, caller, nowMs);
  }

  get automation(): PersonaAutomation {
    return new PersonaAutomation(this.input.env, this.orgId, this.audit, this.input.nowMs);
  }

  /** Okta's event hook secret(s), the `Authorization` value Okta sends. */
  get oktaEventHook(): HookSecrets {
    return new HookSecrets(this.input.env, this.orgId, oktaHookSecrets, "okta_event_hook_secrets_set", this.audit, this.input.nowMs);
  }

  /** Persona's webhook signing secret(s). */
  get personaWebhook(): HookSecrets {
    return new HookSecrets(this.input.env, this.orgId, personaWebhookSecrets, "persona_webhook_secrets_set", this.audit, this.input.nowMs);
  }

  get users(): UserDirectory {
    return new UserDirectory(this.store, this.audit, this.input.nowMs);
  }

  get apiKeys(): ApiKeyRegistry {
    return new ApiKeyRegistry(this.store, this.audit, this.input.caller.actor.label, this.input.nowMs);
  }

  get scimTokens(): ScimTokenRegistry {
    return new ScimTokenRegistry(this.store, this.audit, this.input.nowMs);
  }

  get settings(): OrgSettingsStore {
    return new OrgSettingsStore(this.input.env, this.input.org, this.audit, this.input.nowMs);
  }

  get verification(): VerificationPolicyStore {
    return new VerificationPolicyStore(this.input.env.CONFIG, this.orgId, this.gate, this.audit, this.input.nowMs);
  }
}
