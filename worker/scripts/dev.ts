/**
 * `npm run dev`: the worker (`wrangler dev`, local KV and Durable Objects under `.wrangler/state`, or in the folder
 * env DEV_PERSIST_TO names) plus, on loopback, a fake Okta SAML IdP, a fake Okta org (token endpoint + Users API)
 * and a fake Persona (accounts, cases, inquiries, webhook sender), with a demo organization `acme` configured
 * through the real API, so that a sign-in, every Okta account action, the Persona context of a user and a Persona
 * automation rule work on a fresh machine without an Okta or Persona tenant.
 *
 * The fakes keep their state in memory (new on every run) while the worker's KV persists, so each run re-links
 * them: the IdP's new signing certificate is pinned again, the fake Okta org gets the service app of the
 * existing credential (its client ID and the worker's JWKS URL) and the demo users, with stable IDs, and the fake
 * Persona gets an environment with a fixed ID and API key (what acme's stored connection names) and the demo users'
 * Persona records, also with stable IDs.
 *
 * Cookies: the session cookie is `__Host-poc_session` with `Secure`. Browsers treat http://127.0.0.1 and
 * http://localhost as potentially trustworthy origins, so Chromium stores and sends Secure cookies there over
 * plain http; any other host name would need https.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { type FakeIdp, startFakeIdp } from "../../fakes/idp/server";
import { startFakeOkta } from "../../fakes/okta/server";
import { startFakePersona } from "../../fakes/persona/server";
import { DEMO_ORG_ID, devPorts, devUrls, jsonCall, REPO_ROOT, readDevVars } from "./setup";

const HEALTH_TIMEOUT_MS = 60_000;
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Keeps wrangler from phoning home and from writing into the home folder (see TOOLCHAIN.md). The banner is hidden
 * because printing it runs an npm registry update check (cached in the OS temp folder), which the other switches
 * do not cover.
 */
const QUIET_ENV = {
  CI: "true",
  WRANGLER_HIDE_BANNER: "true",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  XDG_CONFIG_HOME: resolve(REPO_ROOT, ".wrangler/config"),
};

const { ports, urls, token } = (() => {
  try {
    const ports = devPorts();
    const token = readDevVars().get("ADMIN_BOOTSTRAP_TOKEN");
    if (!token) throw new Error("ADMIN_BOOTSTRAP_TOKEN is missing from .dev.vars: run `npm run setup` (or `npm run dev`, which runs it).");
    return { ports, urls: devUrls(ports), token };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();

/** The fake Okta org of the demo: its client is the service app of acme's credential. */
const DEMO_OKTA = {
  nickname: "Demo Okta (local fake)",
  clientId: "0oademo0companion0001",
  /**
   * The console the fake org stands for: the browser tests' fake admin console is served at this host, and the
   * overlay acts only there (a loopback org URL names no console of its own).
   */
  adminConsoleHost: "acme-admin.okta.com",
  /** What the README's "Connecting Okta" asks an admin to grant, and a Super Administrator role. */
  grantedScopes: ["okta.users.read", "okta.users.manage", "okta.authenticators.read"],
} as const;

/** Stable IDs (Okta's shape: a 3-character prefix + 17), so URLs and curl lines keep working across runs. */
const DEMO_GROUPS = [
  { id: "00gdemoengineering01", profile: { name: "Engineering", description: "Product engineering" } },
  { id: "00gdemoadmins0000002", profile: { name: "Okta Admins", description: "Administrators of the Okta org" } },
  { id: "00gdemosupport000003", profile: { name: "Support", description: "Customer support" } },
  { id: "00gdemofinance000004", profile: { name: "Finance", description: "Finance and accounting" } },
];

const DEMO_USERS: Array<{ id: string; status: string; first: string; last: string; title: string; department: string; factors: number; groups: string[] }> = [
  {
    id: "00udemoada0000000001",
    status: "ACTIVE",
    first: "Ada",
    last: "Lovelace",
    title: "Staff Engineer",
    department: "Engineering",
    factors: 2,
    groups: ["Engineering", "Okta Admins"],
  },
  {
    id: "00udemograce00000002",
    status: "SUSPENDED",
    first: "Grace",
    last: "Hopper",
    title: "Engineering Manager",
    department: "Engineering",
    factors: 1,
    groups: ["Engineering"],
  },
  {
    id: "00udemoalan000000003",
    status: "LOCKED_OUT",
    first: "Alan",
    last: "Turing",
    title: "Support Engineer",
    department: "Support",
    factors: 1,
    groups: ["Support"],
  },
  {
    id: "00udemokath000000004",
    status: "STAGED",
    first: "Katherine",
    last: "Johnson",
    title: "Financial Analyst",
    department: "Finance",
    factors: 0,
    groups: ["Finance"],
  },
  {
    id: "00udemochar000000005",
    status: "DEPROVISIONED",
    first: "Charles",
    last: "Babbage",
    title: "Contractor",
    department: "Finance",
    factors: 0,
    groups: [],
  },
];

const DAY_MS = 86_400_000;

/**
 * The fake Persona environment of the demo. Its ID and API key are fixed because acme's Persona connection (sealed in
 * KV) outlives the in-memory fake: the same key must open the new environment of every run. Local fakes only.
 */
const DEMO_PERSONA = {
  envId: "demo",
  apiKey: "persona_sandbox_demo0companion0000000001",
  webhookSecret: "wbhsec_demo0companion0000000001",
  rule: { name: "Declined case suspends the user", event: "case.resolved", status: "Declined", action: "suspend" },
} as const;

/** Stable Persona IDs (a type prefix and 24 alphanumerics), so the banner's commands keep working across runs. */
const DEMO_PERSONA_IDS = {
  adaAccount: "act_demoAdaLovelace000000001",
  adaOpenCase: "case_demoAdaKycReview00000001",
  adaOldCase: "case_demoAdaOnboarding0000002",
  adaReviewInquiry: "inq_demoAdaReselfie000000001",
  adaApprovedInquiry: "inq_demoAdaOnboarding0000002",
  graceAccount: "act_demoGraceHopper000000002",
  graceCase: "case_demoGraceReview000000003",
  graceInquiry: "inq_demoGraceVerify000000003",
  alanAccount: "act_demoAlanTuring0000000003",
} as const;

/**
 * What Persona knows about the demo users (control API seeds, fakes/persona/README.md), dated relative to
 * `now`: Ada has an open KYC case (listed first) and an older approved one, Grace a declined case and a failed
 * inquiry, Alan an account with no cases, and Katherine no account at all (the overlay's empty state).
 */
function demoPersonaSeeds(now: number) {
  const ago = (days: number, hours = 0) => new Date(now - days * DAY_MS - hours * 3_600_000).toISOString();
  const [ada, grace, alan] = [DEMO_USERS[0]!, DEMO_USERS[1]!, DEMO_USERS[2]!];
  const account = (id: string, user: (typeof DEMO_USERS)[number], createdAt: string) => ({
    id,
    referenceId: user.id,
    tags: ["okta"],
    fields: { email_address: `${user.first.toLowerCase()}@acme.test`, name: { first: user.first, last: user.last } },
    createdAt,
  });
  const reviewer = "reviewer@acme.test";
  const ids = DEMO_PERSONA_IDS;
  return {
    accounts: [account(ids.adaAccount, ada, ago(400)), account(ids.graceAccount, grace, ago(300)), account(ids.alanAccount, alan, ago(200))],
    inquiries: [
      {
        id: ids.adaApprovedInquiry,
        account: ids.adaAccount,
        status: "approved",
        createdAt: ago(400),
        startedAt: ago(400),
        completedAt: ago(400),
        decisionedAt: ago(399),
      },
      {
        id: ids.adaReviewInquiry,
        account: ids.adaAccount,
        status: "needs_review",
        createdAt: ago(2, 3),
        startedAt: ago(2, 3),
        completedAt: ago(2, 2),
        markedForReviewAt: ago(2, 2),
      },
      { id: ids.graceInquiry, account: ids.graceAccount, status: "failed", createdAt: ago(9), startedAt: ago(9), failedAt: ago(9) },
    ],
    cases: [
      {
        id: ids.adaOldCase,
        name: `Onboarding – ${ada.first} ${ada.last}`,
        status: "Approved",
        resolution: "Approved",
        accounts: [ids.adaAccount],
        inquiries: [ids.adaApprovedInquiry],
        createdAt: ago(399),
        assigneeId: reviewer,
        assignedAt: ago(399),
        resolvedAt: ago(398),
        resolverId: reviewer,
      },
      {
        id: ids.adaOpenCase,
        name: `KYC review – ${ada.first} ${ada.last}`,
        status: "Open",
        accounts: [ids.adaAccount],
        inquiries: [ids.adaReviewInquiry],
        createdAt: ago(2, 2),
        assigneeId: reviewer,
        assignedAt: ago(1, 20),
        slaExpiresAt: new Date(now + DAY_MS).toISOString(),
        comments: [{ message: "Selfie does not match the ID photo; asked for a new one.", commenterId: reviewer, createdAt: ago(1, 19) }],
      },
      {
        id: ids.graceCase,
        name: `KYC review – ${grace.first} ${grace.last}`,
        status: "Declined",
        resolution: "Declined",
        accounts: [ids.graceAccount],
        inquiries: [ids.graceInquiry],
        createdAt: ago(9),
        assigneeId: reviewer,
        assignedAt: ago(9),
        resolvedAt: ago(8),
        resolverId: reviewer,
        comments: [{ message: "Document failed verification twice; declined.", commenterId: reviewer, createdAt: ago(8) }],
      },
    ],
  };
}

/** Fails early and clearly when a port is taken (e.g. an earlier `npm run dev` still running). */
async function assertPortFree(port: number, what: string, envName: string): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const probe = createServer()
      .once("error", (error: NodeJS.ErrnoException) =>
        reject(new Error(error.code === "EADDRINUSE" ? `port ${port} (${what}) is in use: stop the other process or set ${envName}` : error.message)),
      )
      .listen(port, "127.0.0.1", () => probe.close(() => resolvePort()));
  });
}

/** A JSON call to the worker's API with the bootstrap token (`json` undefined: no body). */
async function api(path: string, method: string, json?: unknown): Promise<{ status: number; body: unknown }> {
  return jsonCall(`${urls.worker}${path}`, method, json, { authorization: `Bearer ${token}` });
}

/** A JSON call to the fake Okta's control API (loopback only, no authentication). */
async function oktaControl(path: string, method: string, json?: unknown): Promise<{ status: number; body: unknown }> {
  return jsonCall(`${urls.oktaControl}${path}`, method, json, {});
}

/** A JSON call to the fake Persona's control API (loopback only, no authentication). */
async function personaControl(path: string, method: string, json?: unknown): Promise<{ status: number; body: unknown }> {
  return jsonCall(`${urls.personaControl}${path}`, method, json, {});
}

function errorCode(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === "string" ? error.code : undefined;
}

/** Creates the demo organization (or finds it from an earlier run) and points its SSO at the fake IdP. */
async function seedDemoOrg(idp: FakeIdp): Promise<void> {
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
async function linkDemoOkta(): Promise<string | undefined> {
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
  });
  if (client.status !== 201) throw new Error(`fake Okta: POST /__fake/orgs/${DEMO_ORG_ID}/clients answered ${client.status}: ${JSON.stringify(client.body)}`);
  console.log(`[dev] fake Okta: service app ${credential.clientId} registered (keys from ${credential.jwksUrl})`);
  return credential.id;
}

/** Seeds the fake Okta org's groups and users (in memory: done on every start). */
async function seedDemoOktaUsers(): Promise<void> {
  const groups = await oktaControl(`/orgs/${DEMO_ORG_ID}/groups`, "POST", DEMO_GROUPS);
  if (groups.status !== 201) throw new Error(`fake Okta: POST /__fake/orgs/${DEMO_ORG_ID}/groups answered ${groups.status}: ${JSON.stringify(groups.body)}`);
  const now = Date.now();
  const users = await oktaControl(
    `/orgs/${DEMO_ORG_ID}/users`,
    "POST",
    DEMO_USERS.map((user) => {
      // ada@acme.test is also the fake IdP's pre-filled sign-in e-mail.
      const login = `${user.first.toLowerCase()}@acme.test`;
      return {
        id: user.id,
        status: user.status,
        profile: {
          login,
          email: login,
          firstName: user.first,
          lastName: user.last,
          displayName: `${user.first} ${user.last}`,
          title: user.title,
          department: user.department,
        },
        factorsEnrolled: user.factors,
        groups: user.groups,
        created: "2024-03-04T09:00:00.000Z",
        ...(user.status === "STAGED" ? {} : { lastLogin: new Date(now - 3_600_000).toISOString() }),
      };
    }),
  );
  if (users.status !== 201) throw new Error(`fake Okta: POST /__fake/orgs/${DEMO_ORG_ID}/users answered ${users.status}: ${JSON.stringify(users.body)}`);
}

/** Seeds the fake Persona environment (in memory: done on every start); accounts first, then what refers to them. */
async function seedDemoPersona(): Promise<void> {
  const seeds = demoPersonaSeeds(Date.now());
  for (const kind of ["accounts", "inquiries", "cases"] as const) {
    const seeded = await personaControl(`/envs/${DEMO_PERSONA.envId}/${kind}`, "POST", seeds[kind]);
    if (seeded.status !== 201)
      throw new Error(`fake Persona: POST /__fake/envs/${DEMO_PERSONA.envId}/${kind} answered ${seeded.status}: ${JSON.stringify(seeded.body)}`);
  }
}

/**
 * Connects `acme` to the fake Persona on every run (idempotent: the same key and base URL; it also forgets the
 * cached Persona contexts of the previous run's fake), sets the webhook secret, and adds the demo rule when it is
 * missing. Returns false, changing nothing, when acme is connected to a Persona that is not on loopback (a real
 * tenant).
 */
async function linkDemoPersona(baseUrl: string): Promise<boolean> {
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
  return true;
}

async function waitForHealth(exited: () => boolean): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited()) throw new Error("wrangler exited before the worker became ready");
    try {
      const response = await fetch(`${urls.worker}/health`, { signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`${urls.worker}/health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

function fail(message: string): never {
  console.error(`[dev] ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  await assertPortFree(ports.worker, "worker", "DEV_PORT");
  await assertPortFree(ports.okta, "fake Okta", "DEV_OKTA_PORT");
  await assertPortFree(ports.oktaOrg, "fake Okta org", "DEV_OKTA_ORG_PORT");
  await assertPortFree(ports.persona, "fake Persona", "DEV_PERSONA_PORT");
  const idp = await startFakeIdp({
    host: "127.0.0.1",
    port: ports.idp,
    sps: [{ acsUrl: urls.orgAcs, audience: urls.orgMetadata, name: "Persona Okta Companion (Acme demo)" }],
    log: (line) => console.log(`[idp] ${line}`),
  });
  const okta = await startFakeOkta({ host: "127.0.0.1", port: ports.okta, log: (line) => console.log(`[okta] ${line}`) });
  // A port of its own: the worker accepts only a bare origin as an org URL.
  const { orgUrl } = await okta.createOrg({ id: DEMO_ORG_ID, dedicatedPort: ports.oktaOrg });
  if (orgUrl !== urls.oktaOrg) throw new Error(`the fake Okta org listens on ${orgUrl}, not ${urls.oktaOrg}`);
  await seedDemoOktaUsers();
  const persona = await startFakePersona({ host: "127.0.0.1", port: ports.persona, log: (line) => console.log(`[persona] ${line}`) });
  const personaEnv = await persona.createEnv({ id: DEMO_PERSONA.envId, apiKey: DEMO_PERSONA.apiKey });
  await seedDemoPersona();

  // DEV_PERSIST_TO (the browser tests set it to a fresh temp folder): the worker's KV and Durable Objects live
  // there instead of `.wrangler/state`, so a test run neither sees nor changes the developer's local state.
  const persistTo = process.env.DEV_PERSIST_TO;
  const persistArgs = persistTo === undefined || persistTo === "" ? [] : ["--persist-to", resolve(persistTo)];
  // The wrangler bin that `npx wrangler` would run, started directly so signals reach it without npm in between.
  const wrangler = spawn(
    process.execPath,
    [resolve(REPO_ROOT, "node_modules/wrangler/bin/wrangler.js"), "dev", "--ip", "127.0.0.1", "--port", String(ports.worker), ...persistArgs],
    { cwd: REPO_ROOT, stdio: "inherit", env: { ...process.env, ...QUIET_ENV } },
  );
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((done) =>
    wrangler.once("exit", (code, signal) => {
      exit = { code, signal };
      done();
    }),
  );

  let stopping = false;
  /** Stops wrangler (and through it workerd) and the fakes; exits with wrangler's code. */
  const stop = async (reason: NodeJS.Signals | "failure" | "wrangler-exit"): Promise<never> => {
    if (!stopping) {
      stopping = true;
      if (!exit) {
        wrangler.kill(reason === "SIGINT" ? "SIGINT" : "SIGTERM");
        const timer = setTimeout(() => wrangler.kill("SIGKILL"), SHUTDOWN_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      await Promise.all([idp.close().catch(() => {}), okta.close().catch(() => {}), persona.close().catch(() => {})]);
    } else {
      await exited;
    }
    if (reason === "failure") process.exit(1);
    const code = exit?.code ?? (exit?.signal === "SIGINT" ? 130 : exit?.signal ? 143 : 0);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  void exited.then(() => {
    if (!stopping) {
      console.error(`[dev] wrangler exited (${exit?.code ?? exit?.signal}); stopping the fakes`);
      void stop("wrangler-exit");
    }
  });

  let credentialId: string | undefined;
  let personaLinked = false;
  try {
    await waitForHealth(() => exit !== undefined);
    await seedDemoOrg(idp);
    credentialId = await linkDemoOkta();
    personaLinked = await linkDemoPersona(personaEnv.baseUrl);
  } catch (error) {
    if (stopping) return;
    console.error(`[dev] ${error instanceof Error ? error.message : String(error)}`);
    await stop("failure");
  }

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
    ? `  Fake Persona:              ${personaEnv.baseUrl} (not linked: "${DEMO_ORG_ID}" is connected to another Persona)`
    : `  Fake Persona:              ${personaEnv.baseUrl}  (control API ${urls.personaControl})
    Ada: an open KYC case and an approved one; Grace: a declined case; Alan: an account, no cases; Katherine: no account.
    The overlay's view of a user (Okta + Persona + recent audit):
    curl ${auth} ${oktaApi}/${ada}/context
  Webhook demo (rule "${DEMO_PERSONA.rule.name}"): decline Ada's open case, then have Persona send ${DEMO_PERSONA.rule.event}:
    curl -X PATCH -H 'content-type: application/json' -d '${decline}' ${caseUrl}
    curl -X POST -H 'content-type: application/json' -d '${send}' ${urls.personaControl}/envs/${DEMO_PERSONA.envId}/webhooks/send
    Ada is now SUSPENDED (see the context or the audit log); undo: curl ${auth} -X POST ${oktaApi}/${ada}/lifecycle/unsuspend`;

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

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
