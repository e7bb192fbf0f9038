import { AuditPageSchema } from "../../shared/audit";
import { CredentialListSchema } from "../../shared/credentials";
import { OktaEventHookViewSchema } from "../../shared/okta-event-hook";
import { OrgLogPageSchema } from "../../shared/org-log";
import { PersonaViewSchema } from "../../shared/persona";
import { RuleListSchema, WebhookViewSchema } from "../../shared/persona-rules";
import { ScimTokenListSchema } from "../../shared/scim";
import { SsoViewSchema } from "../../shared/sso";
import { VerificationPolicyViewSchema } from "../../shared/verification";
import { apiCall, orgPath } from "./api";
import { useLoad } from "./use-load";

/**
 * Everything the Setup checklist reads, each from the worker's own GET route, once per visit: the steps share
 * answers (Persona's connection matters to steps 3 and 5, its webhook to 4 and 6), and each step reloads what its
 * own actions change. The last Tests are read from the audit log's newest 200 entries (the worker has no filter by
 * action); the last sign-ins from the org log's newest 50.
 */
export function useSetupData(orgId: string) {
  const get =
    <S extends Parameters<typeof apiCall>[2]>(path: string, schema: S) =>
    () =>
      apiCall("GET", path, schema);
  return {
    sso: useLoad(get(orgPath(orgId, "sso"), SsoViewSchema), [orgId]),
    log: useLoad(get(`${orgPath(orgId, "log")}?limit=50`, OrgLogPageSchema), [orgId]),
    credentials: useLoad(get(orgPath(orgId, "credentials"), CredentialListSchema), [orgId]),
    audit: useLoad(get(`${orgPath(orgId, "audit")}?limit=200`, AuditPageSchema), [orgId]),
    persona: useLoad(get(orgPath(orgId, "persona"), PersonaViewSchema), [orgId]),
    personaHook: useLoad(get(orgPath(orgId, "persona", "webhook"), WebhookViewSchema), [orgId]),
    oktaHook: useLoad(get(orgPath(orgId, "okta", "event-hook"), OktaEventHookViewSchema), [orgId]),
    scim: useLoad(get(orgPath(orgId, "scim", "tokens"), ScimTokenListSchema), [orgId]),
    policy: useLoad(get(orgPath(orgId, "verification"), VerificationPolicyViewSchema), [orgId]),
    rules: useLoad(get(orgPath(orgId, "persona", "rules"), RuleListSchema), [orgId]),
  };
}

export type SetupData = ReturnType<typeof useSetupData>;
