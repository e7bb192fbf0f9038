import type { SessionView } from "../lib/protocol";
import { ApiKeysSection } from "./api-keys-section";
import { AuditSection } from "./audit-section";
import type { SectionId } from "./console-sections";
import { CredentialsSection } from "./credentials-section";
import { OktaEventHookSection } from "./okta-event-hook";
import { PersonaSection } from "./persona-section";
import { RolesSection } from "./roles-section";
import { RulesSection } from "./rules-section";
import { ScimSection } from "./scim-section";
import { SetupChecklist } from "./setup-checklist";
import { SsoSection } from "./sso-section";
import { UsersSection } from "./users-section";
import { VerificationSection } from "./verification-section";

/**
 * What one console section shows to the signed-in role. The navigation offers admins every section and operators
 * the audit log (console-sections.ts); this checks the role again, so a section a role may not open renders nothing
 * even when asked for. The worker enforces the same roles.
 */
export function RoleSection({ id, session }: { id: Exclude<SectionId, "setup">; session: SessionView }) {
  const orgId = session.orgId;
  if (id === "audit") return session.role === "viewer" ? null : <AuditSection orgId={orgId} />;
  if (session.role !== "admin") return null;
  switch (id) {
    case "okta":
      return (
        <>
          <SsoSection orgId={orgId} />
          <CredentialsSection orgId={orgId} />
          <OktaEventHookSection orgId={orgId} />
        </>
      );
    case "persona":
      return <PersonaSection orgId={orgId} />;
    case "verification":
      return <VerificationSection orgId={orgId} />;
    case "rules":
      return <RulesSection orgId={orgId} />;
    case "provisioning":
      return <ScimSection orgId={orgId} />;
    case "users":
      return <UsersSection orgId={orgId} selfEmail={session.email} />;
    case "roles":
      return <RolesSection orgId={orgId} />;
    case "api-keys":
      return <ApiKeysSection orgId={orgId} />;
  }
}

/** The Setup section's part that depends on the role: the checklist for admins, a note for everyone else. */
export function SetupForRole({ session }: { session: SessionView }) {
  if (session.role === "admin") return <SetupChecklist orgId={session.orgId} />;
  return (
    <p data-poc="needs-admin" class="panel">
      Setting up SSO, Okta credentials, Persona, provisioning, verified recovery, roles, users, rules and API keys needs an admin of {session.orgId}; you are
      signed in as {session.role}
      {session.role === "operator" ? ", and may read the audit log." : "."}
    </p>
  );
}
