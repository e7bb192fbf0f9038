import type { CapabilityFindings } from "../../../shared/capability";
import type { StoredCredential } from "../../../shared/credentials";
import type { EvidencePack } from "../../../shared/evidence";
import type { LogEvent } from "../../../shared/okta-log-event";
import type { PersonaTestResult, StoredPersona, UserContext } from "../../../shared/persona";
import type { Rule } from "../../../shared/persona-rules";
import type { TimelinePage } from "../../../shared/timeline";
import type { StartedVerification, Verification, VerificationPolicy } from "../../../shared/verification";
import type { OperationResult } from "../actions/okta-operations";
import type { AppEnv } from "../env";
import type { EventFacts } from "../persona/webhook-event";
import type { GateAnswer } from "./answer";
import type { VerifiedCaller } from "./caller";
import type { GateEvidenceRequest, GateTimelineRequest } from "./investigation";
import type { HookOutcome } from "./okta-hook-events";
import type { GateActRequest, GateContextRequest, GateVerificationRequest } from "./org-actions";
import type { GateVerificationStart } from "./org-gate";

/**
 * The gate's RPC surface, as the edge calls it. Workers' generated stub types turn any method whose answer holds
 * an `unknown` (Okta's JSON bodies, error details) into `never`, which would silently type-check anything; this
 * interface, which the Durable Object class implements, keeps both ends honest.
 */
export interface GateRpc {
  act(orgId: string, request: GateActRequest): Promise<GateAnswer<OperationResult>>;
  applyRules(orgId: string, rules: Rule[], facts: EventFacts, nowMs: number): Promise<GateAnswer<void>>;
  testCredential(
    orgId: string,
    caller: VerifiedCaller,
    credentialId: string,
    nowMs: number,
  ): Promise<GateAnswer<CapabilityFindings & { type: StoredCredential["type"] }>>;
  userContext(orgId: string, request: GateContextRequest): Promise<GateAnswer<UserContext>>;
  testPersona(orgId: string, caller: VerifiedCaller, nowMs: number): Promise<GateAnswer<PersonaTestResult | null>>;
  personaChanged(orgId: string, record: StoredPersona | null): Promise<GateAnswer<void>>;
  credentialChanged(orgId: string, id: string, record: StoredCredential | null, nowMs: number): Promise<GateAnswer<void>>;
  startVerification(orgId: string, request: GateVerificationStart): Promise<GateAnswer<StartedVerification>>;
  listVerifications(orgId: string, request: GateVerificationRequest): Promise<GateAnswer<Verification[]>>;
  getVerification(orgId: string, request: GateVerificationRequest & { id: string }): Promise<GateAnswer<Verification>>;
  cancelVerification(orgId: string, request: GateVerificationRequest & { id: string }): Promise<GateAnswer<void>>;
  inquiryChanged(orgId: string, inquiryId: string, eventName: string, nowMs: number): Promise<GateAnswer<void>>;
  verificationPolicyChanged(orgId: string, policy: VerificationPolicy | null): Promise<GateAnswer<void>>;
  oktaHookEvents(orgId: string, events: LogEvent[], nowMs: number): Promise<GateAnswer<HookOutcome>>;
  timeline(orgId: string, request: GateTimelineRequest): Promise<GateAnswer<TimelinePage>>;
  evidence(orgId: string, request: GateEvidenceRequest): Promise<GateAnswer<EvidencePack>>;
}

/** The organization's gate (its Durable Object), typed by {@link GateRpc}. */
export function gateOf(env: AppEnv, orgId: string): GateRpc {
  return env.ORG_STORE.get(env.ORG_STORE.idFromName(orgId)) as unknown as GateRpc;
}
