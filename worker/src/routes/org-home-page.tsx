import type { FC } from "hono/jsx";
import type { ExpiryWarning } from "../../../shared/sso";
import type { CertificateExpiry, OrgSetupStatus } from "./org-setup-status";
import { Layout } from "./pages";

type Org = { id: string; name: string };

/** One line of the checklist: done, or what is missing and the API call that sets it (admins). */
const Item: FC<{ id: string; label: string; done: boolean; yes: string; no: string }> = (p) => (
  <tr data-item={p.id} data-done={String(p.done)}>
    <th>{p.label}</th>
    <td class={p.done ? "ok" : "todo"}>{p.done ? p.yes : p.no}</td>
  </tr>
);

const expiryText = (certificate: CertificateExpiry) => {
  const date = certificate.notAfter.slice(0, 10);
  if (certificate.state === "expired") return `expired on ${date}: sign-in fails until the IdP's new certificate is imported`;
  const days = certificate.daysLeft === 1 ? "1 day" : `${certificate.daysLeft} days`;
  return certificate.state === "expiring" ? `expires on ${date}, in ${days}: import the IdP's next certificate` : `valid until ${date} (${days})`;
};

const WARNING_SUBJECT: Record<ExpiryWarning["kind"], string> = {
  idp_certificate: "IdP signing certificate",
  sp_key: "SP key",
  okta_signing_key: "Okta signing key",
};

const warningText = (warning: ExpiryWarning) => {
  if (warning.daysLeft < 0) return `${WARNING_SUBJECT[warning.kind]} ${warning.subject} has expired`;
  const days = warning.daysLeft === 1 ? "1 day" : `${warning.daysLeft} days`;
  return `${WARNING_SUBJECT[warning.kind]} ${warning.subject} expires in ${days}`;
};

/** The expiry warnings (docs/idp-metadata-refresh.md): nothing when there are none. */
const Warnings: FC<{ warnings: ExpiryWarning[] }> = ({ warnings }) =>
  warnings.length === 0 ? null : (
    <>
      <h2>Warnings</h2>
      <ul>
        {warnings.map((warning) => (
          <li data-item="expiry-warning" data-kind={warning.kind} data-severity={warning.severity} class={warning.severity === "critical" ? "bad" : "todo"}>
            {warning.severity === "critical" ? "Critical: " : "Warning: "}
            {warningText(warning)}
          </li>
        ))}
      </ul>
    </>
  );

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The checklist of an organization's setup, for a signed-in member. Every value is escaped by JSX. */
export const OrgStatusPage: FC<{ org: Org; email: string; role: string; base: string; status: OrgSetupStatus }> = ({ org, email, role, base, status }) => (
  <Layout title={org.name}>
    <h1>{org.name}</h1>
    <p>
      Signed in as <strong>{email}</strong> · role <code>{role}</code> in <code>{org.id}</code>
    </p>
    <Warnings warnings={status.warnings} />
    <h2>Setup</h2>
    <table>
      <tbody>
        <Item id="sso" label="Single sign-on (IdP metadata)" done={status.sso.configured} yes="imported" no={`not configured: PUT /api/orgs/${org.id}/sso`} />
        {status.sso.configured &&
          status.sso.certificates.map((certificate) => (
            <tr data-item="idp-certificate" data-state={certificate.state}>
              <th>IdP signing certificate</th>
              <td class={certificate.state === "valid" ? "ok" : "bad"}>{expiryText(certificate)}</td>
            </tr>
          ))}
        <Item
          id="okta-credential"
          label="Okta credential"
          done={status.okta.credentials > 0}
          yes={`${plural(status.okta.credentials, "credential", "credentials")} (${status.okta.types.join(", ")})`}
          no={`none: POST /api/orgs/${org.id}/credentials`}
        />
        <tr data-item="credential-test">
          <th>Last credential Test</th>
          <td class="muted">not stored by the worker: run Test in the extension's options; every run is in the audit log (credential_test)</td>
        </tr>
        <Item
          id="persona"
          label="Persona"
          done={status.persona.connected}
          yes={status.persona.connected ? `connected (${status.persona.environment})` : ""}
          no={`not connected: PUT /api/orgs/${org.id}/persona`}
        />
        <Item
          id="persona-webhook"
          label="Persona webhook secret"
          done={status.personaWebhookSecret}
          yes="set"
          no={`not set: PUT /api/orgs/${org.id}/persona/webhook`}
        />
        <Item
          id="okta-event-hook"
          label="Okta event hook secret"
          done={status.oktaEventHookSecret}
          yes="set"
          no={`not set: PUT /api/orgs/${org.id}/okta/event-hook`}
        />
        <Item
          id="verification"
          label="Verification policy"
          done={status.verification.configured}
          yes={
            status.verification.configured ? `on: ${plural(status.verification.gatedActions, "action waits", "actions wait")} for a Persona verification` : ""
          }
          no={`none: PUT /api/orgs/${org.id}/verification`}
        />
        <Item
          id="rules"
          label="Automation rules"
          done={status.rules.total > 0}
          yes={`${plural(status.rules.total, "rule", "rules")}, ${status.rules.enabled} enabled`}
          no="none"
        />
      </tbody>
    </table>
    <h2>Use it inside the Okta admin console</h2>
    <ol>
      <li>Install the Persona Okta Companion browser extension (docs/extension.md in the project's repository).</li>
      <li>
        In its options, set the worker URL to <code>{base}</code> and the organization to <code>{org.id}</code>, then choose "Sign in".
      </li>
      <li>Open a user in the Okta admin console: the Persona case and the actions you may take appear beside the profile.</li>
    </ol>
    <form method="post" action="/api/logout">
      <button type="submit">Sign out</button>
    </form>
  </Layout>
);

/**
 * For a visitor without this organization's session: only the way in. Nothing of the setup is shown, and the
 * organization's name neither (its ID is in the address already).
 */
export const OrgSignInPage: FC<{ orgId: string; loginHref: string | null }> = ({ orgId, loginHref }) => (
  <Layout title="Sign in">
    <h1>Sign in</h1>
    {loginHref ? (
      <p>
        <a href={loginHref} id="sign-in">
          Sign in to <code>{orgId}</code> with Okta
        </a>
      </p>
    ) : (
      <p>
        Sign-in is not available yet: an administrator first imports the Okta SAML app's metadata (<code>PUT /api/orgs/{orgId}/sso</code>).
      </p>
    )}
    <p class="muted">You are signed out, or signed in to another organization.</p>
  </Layout>
);
