/**
 * The demo organization `acme` in the worker, configured through its real API once `wrangler dev` is healthy. The
 * worker's KV persists while the fakes are new on every run, so each run re-links them: the IdP's new signing
 * certificate is pinned again, the fake Okta org gets the service app of the existing credential, and the fake
 * Persona's environment is connected again with its fixed key.
 */
import type { FakeIdp } from "../../../fakes/idp/server";
import { DEMO_ORG_ID } from "../setup";
import { type DevCalls, errorCode } from "./calls";
import type { DevContext } from "./context";
import { DEMO_OKTA, DEMO_PERSONA } from "./demo-data";

/** Creates the demo organization (or finds it from an earlier run) and points its SSO at the fake IdP. */
export async function seedDemoOrg({ api }: DevCalls, idp: FakeIdp): Promise<void> {
  const created = await api("/api/orgs", "POST", { name: "Acme (demo)", id: DEMO_ORG_ID, defaultRole: "admin" });
  if (created.status === 201) console.log(`[dev] created the demo organization "${DEMO_ORG_ID}"`);
  else if (created.status === 409 && errorCode(created.body) === "org_exists")
    console.log(`[dev] demo organization "${DEMO_ORG_ID}" exists (kept from an earlier run)`);
  else throw new Error(`POST /api/orgs answered ${created.status}: ${JSON.stringify(created.body)}`);

  // Every run: the fake IdP has a new key each start, so the pinned certificate must be refreshed.
  const sso = await api(`/api/orgs/${DEMO_ORG_ID}/sso`, "PUT", { metadataUrl: idp.metadataUrl });
  if (sso.status !== 200) {
    const hint = errorCode(sso.body) === "metadata_url_rejected" ? ' (is ALLOW_LOOPBACK_UPSTREAMS="true" in .dev.vars?)' : "";
    throw new Error(`PUT /api/orgs/${DEMO_ORG_ID}/sso answered ${sso.status}${hint}: ${JSON.stringify(sso.body)}`);
  }
  console.log(`[dev] SSO of "${DEMO_ORG_ID}" now trusts the fake IdP (${idp.idp.entityId})`);
}

interface CredentialView {
  id: string;
  type: string;
  orgUrl: string;
  adminConsoleHost: string | null;
  clientId?: string;
  jwksUrl?: string;
}

/**
 * Links `acme` to the fake Okta org: creates its API Service credential on the first run (the worker makes the key
 * pair and publishes it at `jwksUrl`), then on every run registers that credential's service app in the fake org,
 * which fetches `jwksUrl` on each token request as Okta does. Returns the credential's ID, or undefined when acme
 * holds only other credentials (e.g. a real Okta tenant), which this leaves alone.
 */
export async function linkDemoOkta({ urls }: DevContext, { api, oktaControl }: DevCalls): Promise<string | undefined> {
  const listed = await api(`/api/orgs/${DEMO_ORG_ID}/credentials`, "GET");
  if (listed.status !== 200) throw new Error(`GET /api/orgs/${DEMO_ORG_ID}/credentials answered ${listed.status}: ${JSON.stringify(listed.body)}`);
  const credentials = (listed.body as { credentials: CredentialView[] }).credentials;
  let credential = credentials.find((candidate) => candidate.type === "okta_api_service" && candidate.orgUrl === urls.oktaOrg);
  if (credential && credential.adminConsoleHost !== DEMO_OKTA.adminConsoleHost) {
    // Made before credentials named their admin console: the overlay would offer no action with it, so replace it.
    await api(`/api/orgs/${DEMO_ORG_ID}/credentials/${credential.id}`, "DELETE");
    console.log(`[dev] replaced the Okta credential ${credential.id} of "${DEMO_ORG_ID}" (it named no admin console)`);
    credentials.splice(credentials.indexOf(credential), 1);
    credential = undefined;
  }
  if (credential) {
    console.log(`[dev] Okta credential ${credential.id} of "${DEMO_ORG_ID}" exists (kept from an earlier run)`);
  } else if (credentials.length > 0) {
    console.warn(
      `[dev] "${DEMO_ORG_ID}" already has Okta credentials, none for the fake Okta org ${urls.oktaOrg}: left as they are; the demo users are in the fake, not linked`,
    );
    return undefined;
  } else {
    const created = await api(`/api/orgs/${DEMO_ORG_ID}/credentials`, "POST", {
      type: "okta_api_service",
      nickname: DEMO_OKTA.nickname,
      orgUrl: urls.oktaOrg,
      adminConsoleHost: DEMO_OKTA.adminConsoleHost,
      clientId: DEMO_OKTA.clientId,
    });
    if (created.status !== 201) throw new Error(`POST /api/orgs/${DEMO_ORG_ID}/credentials answered ${created.status}: ${JSON.stringify(created.body)}`);
    credential = created.body as CredentialView;
    console.log(`[dev] created the Okta credential ${credential.id} of "${DEMO_ORG_ID}" (API Service, ${urls.oktaOrg})`);
  }
  if (credential.clientId === undefined || credential.jwksUrl === undefined) throw new Error(`credential ${credential.id} has no clientId or jwksUrl`);

  const client = await oktaControl(`/orgs/${DEMO_ORG_ID}/clients`, "POST", {
    clientId: credential.clientId,
    jwksUri: credential.jwksUrl,
    grantedScopes: DEMO_OKTA.grantedScopes,
    adminRole: true,
    // Named, so the System Log (and the timeline) shows who acted.
    name: "Persona Okta Companion (demo)",
  });
  if (client.status !== 201) throw new Error(`fake Okta: POST /__fake/orgs/${DEMO_ORG_ID}/clients answered ${client.status}: ${JSON.stringify(client.body)}`);
  console.log(`[dev] fake Okta: service app ${credential.clientId} registered (keys from ${credential.jwksUrl})`);
  return credential.id;
}

/**
 * Connects `acme` to the fake Persona on every run (idempotent: the same key and base URL; it also forgets the
 * cached Persona contexts of the previous run's fake), sets the webhook secret, and adds the demo rule when it is
 * missing. Returns false, changing nothing, when acme is connected to a Persona that is not on loopback (a real
 * tenant).
 */
export async function linkDemoPersona({ api }: DevCalls, baseUrl: string): Promise<boolean> {
  const path = `/api/orgs/${DEMO_ORG_ID}/persona`;
  const current = await api(path, "GET");
  if (current.status !== 200) throw new Error(`GET ${path} answered ${current.status}: ${JSON.stringify(current.body)}`);
  const view = current.body as { configured: boolean; baseUrl?: string };
  if (view.configured && view.baseUrl !== undefined && new URL(view.baseUrl).hostname !== "127.0.0.1") {
    console.warn(`[dev] "${DEMO_ORG_ID}" is connected to Persona at ${view.baseUrl}: left as it is; the demo Persona records are in the fake, not linked`);
    return false;
  }
  const put = await api(path, "PUT", { apiKey: DEMO_PERSONA.apiKey, baseUrl, tagCasesAfterActions: true });
  if (put.status !== 200) throw new Error(`PUT ${path} answered ${put.status}: ${JSON.stringify(put.body)}`);
  const webhook = await api(`${path}/webhook`, "PUT", { secrets: [DEMO_PERSONA.webhookSecret] });
  if (webhook.status !== 200) throw new Error(`PUT ${path}/webhook answered ${webhook.status}: ${JSON.stringify(webhook.body)}`);
  console.log(`[dev] "${DEMO_ORG_ID}" ${view.configured ? "reconnected" : "connected"} to the fake Persona (${baseUrl}), webhook secret set`);

  const listed = await api(`${path}/rules`, "GET");
  if (listed.status !== 200) throw new Error(`GET ${path}/rules answered ${listed.status}: ${JSON.stringify(listed.body)}`);
  const { rule } = DEMO_PERSONA;
  const rules = (listed.body as { rules: Array<{ id: string; name: string; event: string }> }).rules;
  const existing = rules.find((candidate) => candidate.name === rule.name && candidate.event === rule.event);
  if (existing) {
    console.log(`[dev] automation rule ${existing.id} ("${rule.name}") exists (kept from an earlier run)`);
  } else {
    const created = await api(`${path}/rules`, "POST", rule);
    if (created.status !== 201) throw new Error(`POST ${path}/rules answered ${created.status}: ${JSON.stringify(created.body)}`);
    console.log(`[dev] created the automation rule ${(created.body as { id: string }).id} ("${rule.name}")`);
  }
  await seedVerificationPolicy(api);
  return true;
}

/** A verified-recovery policy with its defaults, unless acme has one (an admin's own is kept). */
async function seedVerificationPolicy(api: DevCalls["api"]): Promise<void> {
  const path = `/api/orgs/${DEMO_ORG_ID}/verification`;
  const current = await api(path, "GET");
  if (current.status !== 200) throw new Error(`GET ${path} answered ${current.status}: ${JSON.stringify(current.body)}`);
  if ((current.body as { configured: boolean }).configured) {
    console.log(`[dev] verification policy exists (kept from an earlier run)`);
    return;
  }
  const put = await api(path, "PUT", { templateId: DEMO_PERSONA.verificationTemplateId });
  if (put.status !== 200) throw new Error(`PUT ${path} answered ${put.status}: ${JSON.stringify(put.body)}`);
  const { requiredFor } = put.body as { requiredFor: string[] };
  console.log(`[dev] verification policy set: ${requiredFor.join(", ")} wait for a Persona verification`);
}
