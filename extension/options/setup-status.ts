import type { AuditEntry } from "../../shared/audit";
import type { CredentialView } from "../../shared/credentials";
import type { OktaEventHookView } from "../../shared/okta-event-hook";
import type { OrgLogEntry } from "../../shared/org-log";
import type { PersonaView } from "../../shared/persona";
import type { Rule, WebhookView } from "../../shared/persona-rules";
import type { SsoView } from "../../shared/sso";
import type { VerificationPolicyView } from "../../shared/verification";
import type { ReplyError } from "../lib/protocol";
import { expiryWords, worstWarning } from "./expiry-words";
import { formatTime } from "./format";
import { ssoFailureWords } from "./plain-words";
import { describeError } from "./status";

/**
 * Where each step of the Setup checklist stands, read from the worker's own GET answers: `done`, `attention` (set up
 * but something is wrong or unproven: `problem` says what in plain words, `fix` what to do), or `not-started`. Pure
 * functions of the answers, so each rule has a test of its own.
 */
export type StepState = "done" | "attention" | "not-started";
export interface StepStatus {
  state: StepState;
  summary: string;
  problem: string | null;
  fix: string | null;
}

const done = (summary: string): StepStatus => ({ state: "done", summary, problem: null, fix: null });
const notStarted = (summary: string, fix: string): StepStatus => ({ state: "not-started", summary, problem: null, fix });
const attention = (summary: string, problem: string, fix: string): StepStatus => ({ state: "attention", summary, problem, fix });

/** A read the step needs failed: the step cannot say more than that, and why. */
export function unreadable(what: string, error: ReplyError): StepStatus {
  return attention(`Could not read ${what}.`, describeError(error), "Reload the page; if it persists, check the worker URL and that you are still signed in.");
}

/**
 * 1. SSO: not started without an IdP; attention when every pinned certificate has expired or the newest sign-in in
 * the org log was refused (with the refusal in plain words), or a certificate or key expires within 30 days
 * (docs/idp-metadata-refresh.md); done otherwise.
 */
export function ssoStatus(view: SsoView, log: readonly OrgLogEntry[] | null): StepStatus {
  if (!view.configured)
    return notStarted("No Okta SAML app is connected.", "Paste the URLs below into a new Okta SAML app, then its metadata URL here: Get metadata.");
  const summary = `Okta app ${view.entityId}, metadata fetched ${formatTime(view.fetchedAt)}.`;
  if (view.certificates.length > 0 && view.certificates.every((certificate) => certificate.expired))
    return attention(
      summary,
      "Every signing certificate pinned from Okta has expired: no sign-in can succeed.",
      "Get metadata again to pin Okta's current certificate.",
    );
  const latest = log?.find((entry) => entry.event === "sso.login" || entry.event === "sso.login_failed");
  const expiring = worstWarning(view.warnings ?? []);
  if (expiring) {
    const { words, fix } = expiryWords(expiring);
    const more =
      (view.warnings?.length ?? 0) > 1 ? ` (${view.warnings!.length - 1} more expiry warning${view.warnings!.length > 2 ? "s" : ""} in Okta › SSO)` : "";
    return attention(summary, `${words}${more}`, fix);
  }
  if (latest?.event === "sso.login_failed") {
    const { words, fix } = ssoFailureWords(latest.code, latest.message, view.sp);
    return attention(summary, `The last sign-in, ${formatTime(latest.at)}, was refused (${latest.code ?? "error"}): ${words}`, fix);
  }
  return done(latest ? `${summary} Last sign-in ${formatTime(latest.at)}.` : summary);
}

/** The newest audit entry of `action` (for `credentialId`, when given): the log is newest first. */
function lastOf(audit: readonly AuditEntry[], action: string, credentialId?: string): AuditEntry | undefined {
  return audit.find((entry) => entry.action === action && (credentialId === undefined || entry.credentialId === credentialId));
}

/**
 * 2. Okta credential: not started without one; done when a credential's last Test (in the audit) found every
 * operation usable; attention when the last Test refused something, or no Test was run yet.
 */
export function oktaCredentialStatus(credentials: readonly CredentialView[], audit: readonly AuditEntry[] | null): StepStatus {
  if (credentials.length === 0)
    return notStarted("No Okta credential yet.", "Add an API Service app below; the worker makes its key pair and shows the JWKS URL to paste into Okta.");
  const names = credentials.map((credential) => credential.nickname).join(", ");
  const noHost = credentials.find((credential) => credential.adminConsoleHost === null);
  if (noHost)
    return attention(
      `Credentials: ${names}.`,
      `${noHost.nickname} does not know its admin console host, so the panel offers no action in the console.`,
      "Add the credential again with its admin console host (e.g. acme-admin.okta.com).",
    );
  if (audit === null) return attention(`Credentials: ${names}.`, "The audit log (where Tests are recorded) could not be read.", "Run Test below.");
  const tests = credentials.map((credential) => ({ credential, test: lastOf(audit, "credential_test", credential.id) }));
  const passed = tests.find(({ test }) => test?.result === "success");
  if (passed) return done(`${passed.credential.nickname}: every operation usable at the last Test, ${formatTime(passed.test!.at)}.`);
  const refused = tests.find(({ test }) => test !== undefined);
  if (refused)
    return attention(
      `Credentials: ${names}.`,
      `The last Test of ${refused.credential.nickname}, ${formatTime(refused.test!.at)}, found operations Okta refuses.`,
      "Run Test: the table names, per operation, the scope and the admin-role permission to grant in Okta.",
    );
  return attention(
    `Credentials: ${names}.`,
    "Not tested yet: nothing shows Okta accepts this credential.",
    "Paste the JWKS URL into the Okta API Services app, grant the scopes, then Test.",
  );
}

/** 3. Persona: not started without a key; done when the last Test was accepted; attention when refused or untested. */
export function personaStatus(view: PersonaView, audit: readonly AuditEntry[] | null): StepStatus {
  if (!view.configured) return notStarted("Persona is not connected.", "Paste a Persona API key (Persona Dashboard → API keys) and Connect.");
  const summary = `Connected to Persona ${view.environment} (${view.baseUrl}).`;
  const test = audit === null ? undefined : lastOf(audit, "persona_test");
  // A Test older than the key proves nothing about the key in use now.
  const current = test !== undefined && Date.parse(test.at) >= Date.parse(view.updatedAt) ? test : undefined;
  if (current?.result === "success") return done(`${summary} The last Test, ${formatTime(current.at)}, was accepted.`);
  if (current)
    return attention(
      summary,
      `Persona refused the last Test, ${formatTime(current.at)} (${current.errorCode ?? "refused"}).`,
      "Run Test to see Persona's answer and the fix.",
    );
  return attention(summary, "Not tested since the connection last changed.", "Run Test.");
}

/** 4. Webhooks: done when both Persona's webhook and Okta's event hook have a secret; attention when one lacks it. */
export function webhooksStatus(persona: WebhookView, okta: OktaEventHookView): StepStatus {
  if (persona.configured && okta.configured) return done("Persona's webhook and Okta's event hook both have a secret.");
  if (!persona.configured && !okta.configured)
    return notStarted(
      "No webhook is set up.",
      "Give Persona the webhook URL and save its secret; generate a secret for Okta's event hook and paste both into Okta.",
    );
  if (!persona.configured)
    return attention(
      "Okta's event hook is set up; Persona's webhook is not.",
      "Without Persona's webhook secret, rules never run and verifications move only when someone looks.",
      "Add the webhook URL in Persona's dashboard and save the secret Persona shows.",
    );
  return attention(
    "Persona's webhook is set up; Okta's event hook is not.",
    "Without the event hook, changes other admins make in Okta reach the panel only after its cache expires.",
    "Generate a secret, save it, and paste the URL and the secret into Okta (Workflow → Event Hooks).",
  );
}

/** 5. Verification: optional, so not started without a policy; attention when it needs Persona and Persona is off. */
export function verificationStatus(policy: VerificationPolicyView, persona: PersonaView | null): StepStatus {
  if (!policy.configured) return notStarted("No verification policy: no action waits for a verification (optional).", "Set a policy in Verification.");
  const gated = policy.requiredFor.length === 0 ? "no action" : policy.requiredFor.join(", ");
  const summary = `Template ${policy.templateId}; waiting for a verification: ${gated}.`;
  if (persona !== null && !persona.configured)
    return attention(summary, "The policy needs Persona, which is not connected: the gated actions cannot be verified.", "Connect Persona (step 3).");
  return done(summary);
}

/** 6. Rules: not started without one; attention when none is enabled or Persona's webhook has no secret. */
export function rulesStatus(rules: readonly Rule[], webhook: WebhookView | null): StepStatus {
  if (rules.length === 0) return notStarted("No automation rule (optional).", "Add one in Rules, e.g. case.resolved + Declined → suspend.");
  const enabled = rules.filter((rule) => rule.enabled);
  const summary = `${enabled.length} of ${rules.length} rule(s) enabled.`;
  if (enabled.length === 0) return attention(summary, "Every rule is disabled: nothing runs.", "Enable a rule in Rules.");
  if (webhook !== null && !webhook.configured)
    return attention(summary, "Rules run on Persona's webhook events, and Persona's webhook has no secret.", "Save Persona's webhook secret (step 4).");
  return done(summary);
}
