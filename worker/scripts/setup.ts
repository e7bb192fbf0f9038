/**
 * `npm run setup` (also the first step of `npm run dev`): creates `.dev.vars`, the local variables `wrangler dev`
 * reads, and prints how to reach everything. Idempotent: existing values are kept, missing keys are added.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DEV_VARS_PATH = resolve(REPO_ROOT, ".dev.vars");
export const DEMO_ORG_ID = "acme";

/**
 * Ports of a local run; env DEV_PORT (worker), DEV_IDP_PORT (fake SAML IdP), DEV_OKTA_PORT (fake Okta, its control
 * API), DEV_OKTA_ORG_PORT (the fake Okta org the demo org's credential points at) and DEV_PERSONA_PORT (fake Persona,
 * its API and control API) override them.
 */
export function devPorts(env: NodeJS.ProcessEnv = process.env): { worker: number; idp: number; okta: number; oktaOrg: number; persona: number } {
  const port = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 65_535) throw new Error(`${name} must be a port number (1-65535), not ${raw}`);
    return value;
  };
  return {
    worker: port("DEV_PORT", 8787),
    idp: port("DEV_IDP_PORT", 8788),
    okta: port("DEV_OKTA_PORT", 8789),
    oktaOrg: port("DEV_OKTA_ORG_PORT", 8790),
    persona: port("DEV_PERSONA_PORT", 8791),
  };
}

/** The URLs of a local run, derived from the ports. */
export function devUrls(ports = devPorts()) {
  const worker = `http://127.0.0.1:${ports.worker}`;
  const idp = `http://127.0.0.1:${ports.idp}`;
  const okta = `http://127.0.0.1:${ports.okta}`;
  const persona = `http://127.0.0.1:${ports.persona}`;
  return {
    worker,
    idp,
    /** The fake Okta's control API (README of fakes/okta). */
    oktaControl: `${okta}/__fake`,
    /** The demo Okta org: a bare origin on a port of its own, as the worker's org-URL rule requires. */
    oktaOrg: `http://127.0.0.1:${ports.oktaOrg}`,
    /** The fake Persona server; its environments' APIs live under `${persona}/e/<envId>/api/v1`. */
    persona,
    /** The fake Persona's control API (README of fakes/persona). */
    personaControl: `${persona}/__fake`,
    idpMetadata: `${idp}/app/persona-okta-companion/sso/saml/metadata`,
    orgLogin: `${worker}/${DEMO_ORG_ID}/login`,
    orgMetadata: `${worker}/${DEMO_ORG_ID}/metadata`,
    orgAcs: `${worker}/${DEMO_ORG_ID}/acs`,
    /** Where Persona delivers the demo org's webhooks. */
    orgPersonaWebhook: `${worker}/${DEMO_ORG_ID}/webhooks/persona`,
  };
}

/** Reads `KEY=VALUE` lines as wrangler does (comments and blank lines ignored, optional quotes removed). */
export function parseDevVars(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const raw = match[2]!;
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    vars.set(match[1]!, quoted ? quoted[2]! : raw.replace(/\s+#.*$/, ""));
  }
  return vars;
}

export function readDevVars(): Map<string, string> {
  return existsSync(DEV_VARS_PATH) ? parseDevVars(readFileSync(DEV_VARS_PATH, "utf8")) : new Map();
}

/** Every key a local run needs, with a fresh value for a missing one. */
function requiredVars(): Array<[key: string, fresh: () => string, comment: string]> {
  return [
    // 32 random bytes = 43 base64url characters; the worker requires at least 32.
    ["ADMIN_BOOTSTRAP_TOKEN", () => randomBytes(32).toString("base64url"), "Break-glass platform credential (local only): Authorization: Bearer <token>"],
    ["ALLOW_LOOPBACK_UPSTREAMS", () => "true", "Lets 'Get metadata' fetch the fake IdP on http://127.0.0.1 (never in production)"],
    ["CHECK_ANSWERS", () => "true", "Holds every answer to the schemas its route declares in /openapi.json (never in production)"],
    // Never regenerated once present: a new key could not open what the old one sealed.
    [
      "ENCRYPTION_KEYS",
      () => `v1:${randomBytes(32).toString("base64")}`,
      "Seals stored Okta credentials (AES-256-GCM); rotate by appending v2:<base64 32 bytes>",
    ],
  ];
}

/** Creates `.dev.vars` or adds its missing keys; returns the keys it added. */
export function ensureDevVars(): string[] {
  const exists = existsSync(DEV_VARS_PATH);
  const current = exists ? readFileSync(DEV_VARS_PATH, "utf8") : "";
  const present = parseDevVars(current);
  const added: string[] = [];
  let addition = "";
  for (const [key, fresh, comment] of requiredVars()) {
    if (present.has(key)) continue;
    addition += `# ${comment}\n${key}=${fresh()}\n`;
    added.push(key);
  }
  if (!exists) {
    writeFileSync(DEV_VARS_PATH, `# Local variables for \`wrangler dev\` (created by npm run setup; gitignored).\n${addition}`, { mode: 0o600 });
  } else if (addition !== "") {
    const separator = current === "" || current.endsWith("\n") ? "" : "\n";
    writeFileSync(DEV_VARS_PATH, `${current}${separator}${addition}`);
  }
  // The file holds a credential: owner-only, also when it existed before with a wider mode.
  chmodSync(DEV_VARS_PATH, 0o600);
  return added;
}

function main(): void {
  const added = ensureDevVars();
  const vars = readDevVars();
  const token = vars.get("ADMIN_BOOTSTRAP_TOKEN") ?? "";
  const urls = devUrls();
  console.log(added.length > 0 ? `.dev.vars: added ${added.join(", ")} (mode 0600)` : ".dev.vars: up to date (existing values kept)");
  if (vars.get("ALLOW_LOOPBACK_UPSTREAMS") !== "true") {
    console.warn('warning: ALLOW_LOOPBACK_UPSTREAMS is not "true" in .dev.vars: the worker cannot fetch the fake IdP\'s metadata.');
  }
  console.log(`
  worker            ${urls.worker}
  fake IdP          ${urls.idp}/  (Okta dashboard: IdP-initiated sign-in)
  fake Okta         org ${urls.oktaOrg}  (token endpoint + Users API, demo users; npm run dev only)
                    control API ${urls.oktaControl}  (fakes/okta/README.md)
  fake Persona      ${urls.persona}  (accounts, cases, inquiries of the demo users; npm run dev only)
                    control API ${urls.personaControl}  (fakes/persona/README.md)
  demo org          login    ${urls.orgLogin}
                    metadata ${urls.orgMetadata}  (SP entity ID / Audience)
                    acs      ${urls.orgAcs}
  bootstrap token   ${token}
  try               curl -H "Authorization: Bearer ${token}" ${urls.worker}/api/orgs/${DEMO_ORG_ID}
`);
}

/**
 * A JSON call to a loopback service of the local stack (the worker's API, a fake's control API): the status and
 * the body, parsed when it is JSON and kept as text otherwise, so a failure can be printed as the service said it.
 */
export async function jsonCall(url: string, method: string, json: unknown, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method,
    headers: json === undefined ? headers : { ...headers, "content-type": "application/json" },
    body: json === undefined ? undefined : JSON.stringify(json),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: text === "" ? null : JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

// Run only as a script (`tsx worker/scripts/setup.ts`), not when dev.ts imports the helpers above.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error(`[setup] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
