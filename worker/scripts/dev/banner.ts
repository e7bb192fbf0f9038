/** The banner `npm run dev` prints once everything is up: where to sign in, the token, and copy-paste curl lines. */
import { DEMO_ORG_ID } from "../setup";
import type { DevContext } from "./context";
import { DEMO_PERSONA, DEMO_PERSONA_IDS, DEMO_USERS } from "./demo-data";

export interface DemoLinks {
  /** The Okta credential linked to the fake Okta org; undefined when acme holds only other credentials. */
  credentialId: string | undefined;
  /** False when acme is connected to a Persona that is not the fake. */
  personaLinked: boolean;
  /** The base URL of the demo's fake Persona environment. */
  personaBaseUrl: string;
}

/** Verified recovery from the command line: start a verification of Alan (locked out), approve it at the fake, unlock. */
function recoveryLines(urls: DevContext["urls"], auth: string, oktaApi: string): string {
  const alan = DEMO_USERS.find((user) => user.status === "LOCKED_OUT")!;
  const inquiry = `${urls.personaControl}/envs/${DEMO_PERSONA.envId}/inquiries/INQUIRY_ID`;
  const json = "-H 'content-type: application/json'";
  const approve = JSON.stringify({ status: "approved", webhook: { url: urls.orgPersonaWebhook, secret: DEMO_PERSONA.webhookSecret } });
  return `  Verified recovery (unlock, reset_factors and temporary_access_code wait for a Persona verification):
    curl ${auth} -X POST ${oktaApi}/${alan.id}/lifecycle/unlock             (403 verification_required)
    curl ${auth} -X POST ${oktaApi}/${alan.id}/verifications                (note its "id" and "inquiryId")
    What the person's ID shows, then Persona approves and sends the signed inquiry.approved webhook:
    curl -X POST ${json} -d '${JSON.stringify({ "name-first": alan.first, "name-last": alan.last })}' ${inquiry}/verified-fields
    curl -X POST ${json} -d '${approve}' ${inquiry}/transition
    curl ${auth} ${oktaApi}/${alan.id}/verifications/VERIFICATION_ID         ("verified", with the field comparison)
    curl ${auth} -X POST ${json} -d '{"verificationId":"VERIFICATION_ID"}' ${oktaApi}/${alan.id}/lifecycle/unlock`;
}

export function printBanner({ urls, token }: DevContext, { credentialId, personaLinked, personaBaseUrl }: DemoLinks): void {
  const auth = `-H "Authorization: Bearer ${token}"`;
  const oktaApi = `${urls.worker}/api/orgs/${DEMO_ORG_ID}/okta/users`;
  const demoUsers = DEMO_USERS.map(
    (user) => `    ${user.id}  ${user.status.padEnd(13)} ${`${user.first.toLowerCase()}@acme.test`.padEnd(20)} ${user.first} ${user.last}`,
  ).join("\n");
  const oktaLines =
    credentialId === undefined
      ? `  Fake Okta org:             ${urls.oktaOrg} (not linked: "${DEMO_ORG_ID}" has other Okta credentials)`
      : `  Fake Okta org:             ${urls.oktaOrg}  (credential ${credentialId}; control API ${urls.oktaControl})
  Demo Okta users:
${demoUsers}
    curl ${auth} ${oktaApi}/${DEMO_USERS[0]!.id}
    curl ${auth} -X POST ${oktaApi}/${DEMO_USERS[0]!.id}/lifecycle/suspend
    (the audit log: ${urls.worker}/api/orgs/${DEMO_ORG_ID}/audit)`;
  const ada = DEMO_USERS[0]!.id;
  const caseUrl = `${urls.personaControl}/envs/${DEMO_PERSONA.envId}/cases/${DEMO_PERSONA_IDS.adaOpenCase}`;
  const decline = JSON.stringify({ status: "Declined", resolution: "Declined", resolvedAt: new Date().toISOString() });
  const send = JSON.stringify({
    url: urls.orgPersonaWebhook,
    secret: DEMO_PERSONA.webhookSecret,
    event: { name: DEMO_PERSONA.rule.event, objectId: DEMO_PERSONA_IDS.adaOpenCase },
  });
  const personaLines = !personaLinked
    ? `  Fake Persona:              ${personaBaseUrl} (not linked: "${DEMO_ORG_ID}" is connected to another Persona)`
    : `  Fake Persona:              ${personaBaseUrl}  (control API ${urls.personaControl})
    Ada: an open KYC case and an approved one; Grace: a declined case; Alan: an account, no cases; Katherine: no account.
    The overlay's view of a user (Okta + Persona + recent audit):
    curl ${auth} ${oktaApi}/${ada}/context
  Webhook demo (rule "${DEMO_PERSONA.rule.name}"): decline Ada's open case, then have Persona send ${DEMO_PERSONA.rule.event}:
    curl -X PATCH -H 'content-type: application/json' -d '${decline}' ${caseUrl}
    curl -X POST -H 'content-type: application/json' -d '${send}' ${urls.personaControl}/envs/${DEMO_PERSONA.envId}/webhooks/send
    Ada is now SUSPENDED (see the context or the audit log); undo: curl ${auth} -X POST ${oktaApi}/${ada}/lifecycle/unsuspend
${recoveryLines(urls, auth, oktaApi)}`;

  console.log(`
────────────────────────────────────────────────────────────────────────────
  Ready.
  Sign in (SP-initiated):    ${urls.orgLogin}
                             (the fake IdP asks for an email; ada@acme.test is pre-filled)
  IdP-initiated (dashboard): ${urls.idp}/
  Bootstrap token:           ${token}
    curl ${auth} ${urls.worker}/api/orgs/${DEMO_ORG_ID}
${oktaLines}
${personaLines}
  Stop with Ctrl-C.
────────────────────────────────────────────────────────────────────────────
`);
}
