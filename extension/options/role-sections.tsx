import { roleAtLeast } from "../../shared/roles";
import type { SessionView } from "../lib/protocol";
import { ApiKeysSection } from "./api-keys-section";
import { AuditSection } from "./audit-section";
import { CredentialsSection } from "./credentials-section";
import { PersonaSection } from "./persona-section";
import { RolesSection } from "./roles-section";
import { RulesSection } from "./rules-section";
import { SsoSection } from "./sso-section";
import { UsersSection } from "./users-section";
import { VerificationSection } from "./verification-section";

/**
 * What the signed-in role may set up: admins everything, operators the audit log, viewers nothing. The worker
 * enforces the same roles; this only spares people sections that would answer `forbidden`.
 */
export function RoleSections({ session }: { session: SessionView }) {
  const orgId = session.orgId;
  const admin = session.role === "admin";
  return (
    <>
      {!admin && (
        <p data-poc="needs-admin" class="panel">
          Setting up SSO, Okta credentials, Persona, verified recovery, roles, users, rules and API keys needs an admin of {orgId}; you are signed in as{" "}
          {session.role}.
        </p>
      )}
      {admin && (
        <>
          <SsoSection orgId={orgId} />
          <CredentialsSection orgId={orgId} />
          <PersonaSection orgId={orgId} />
          <VerificationSection orgId={orgId} />
          <RolesSection orgId={orgId} />
          <UsersSection orgId={orgId} selfEmail={session.email} />
          <RulesSection orgId={orgId} />
          <ApiKeysSection orgId={orgId} />
        </>
      )}
      {roleAtLeast(session.role, "operator") && <AuditSection orgId={orgId} />}
    </>
  );
}
