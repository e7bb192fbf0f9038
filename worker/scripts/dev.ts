/**
 * `npm run dev`: the worker (`wrangler dev`, local KV and Durable Objects under `.wrangler/state`) plus a fake
 * Okta IdP on loopback, with a demo organization `acme` configured through the real API, so that a sign-in works
 * on a fresh machine without an Okta tenant.
 *
 * Cookies: the session cookie is `__Host-poc_session` with `Secure`. Browsers treat http://127.0.0.1 and
 * http://localhost as potentially trustworthy origins, so Chromium stores and sends Secure cookies there over
 * plain http; any other host name would need https.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { startFakeIdp, type FakeIdp } from "../../test/fakes/idp/server";
import { DEMO_ORG_ID, devPorts, devUrls, readDevVars, REPO_ROOT } from "./setup";

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

/** Fails early and clearly when a port is taken (e.g. an earlier `npm run dev` still running). */
async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const probe = createServer()
      .once("error", (error: NodeJS.ErrnoException) =>
        reject(new Error(error.code === "EADDRINUSE" ? `port ${port} (${what}) is in use: stop the other process or set ${what === "worker" ? "DEV_PORT" : "DEV_IDP_PORT"}` : error.message)),
      )
      .listen(port, "127.0.0.1", () => probe.close(() => resolvePort()));
  });
}

async function api(path: string, method: string, json: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${urls.worker}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(json),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: response.status, body };
}

function errorCode(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === "string" ? error.code : undefined;
}

/** Creates the demo organization (or finds it from an earlier run) and points its SSO at the fake IdP. */
async function seedDemoOrg(idp: FakeIdp): Promise<void> {
  const created = await api("/api/orgs", "POST", { name: "Acme (demo)", id: DEMO_ORG_ID, defaultRole: "admin" });
  if (created.status === 201) console.log(`[dev] created the demo organization "${DEMO_ORG_ID}"`);
  else if (created.status === 409 && errorCode(created.body) === "org_exists") console.log(`[dev] demo organization "${DEMO_ORG_ID}" exists (kept from an earlier run)`);
  else throw new Error(`POST /api/orgs answered ${created.status}: ${JSON.stringify(created.body)}`);

  // Every run: the fake IdP has a new key each start, so the pinned certificate must be refreshed.
  const sso = await api(`/api/orgs/${DEMO_ORG_ID}/sso`, "PUT", { metadataUrl: idp.metadataUrl });
  if (sso.status !== 200) {
    const hint = errorCode(sso.body) === "metadata_url_rejected" ? ' (is ALLOW_LOOPBACK_UPSTREAMS="true" in .dev.vars?)' : "";
    throw new Error(`PUT /api/orgs/${DEMO_ORG_ID}/sso answered ${sso.status}${hint}: ${JSON.stringify(sso.body)}`);
  }
  console.log(`[dev] SSO of "${DEMO_ORG_ID}" now trusts the fake IdP (${idp.idp.entityId})`);
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
  await assertPortFree(ports.worker, "worker");
  const idp = await startFakeIdp({
    host: "127.0.0.1",
    port: ports.idp,
    sps: [{ acsUrl: urls.orgAcs, audience: urls.orgMetadata, name: "Persona Okta Companion (Acme demo)" }],
    log: (line) => console.log(`[idp] ${line}`),
  });

  // The wrangler bin that `npx wrangler` would run, started directly so signals reach it without npm in between.
  const wrangler = spawn(
    process.execPath,
    [resolve(REPO_ROOT, "node_modules/wrangler/bin/wrangler.js"), "dev", "--ip", "127.0.0.1", "--port", String(ports.worker)],
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
  /** Stops wrangler (and through it workerd) and the fake IdP; exits with wrangler's code. */
  const stop = async (reason: NodeJS.Signals | "failure" | "wrangler-exit"): Promise<never> => {
    if (!stopping) {
      stopping = true;
      if (!exit) {
        wrangler.kill(reason === "SIGINT" ? "SIGINT" : "SIGTERM");
        const timer = setTimeout(() => wrangler.kill("SIGKILL"), SHUTDOWN_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      await idp.close().catch(() => {});
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
      console.error(`[dev] wrangler exited (${exit?.code ?? exit?.signal}); stopping the fake IdP`);
      void stop("wrangler-exit");
    }
  });

  try {
    await waitForHealth(() => exit !== undefined);
    await seedDemoOrg(idp);
  } catch (error) {
    if (stopping) return;
    console.error(`[dev] ${error instanceof Error ? error.message : String(error)}`);
    await stop("failure");
  }

  console.log(`
────────────────────────────────────────────────────────────────────────────
  Ready.
  Sign in (SP-initiated):    ${urls.orgLogin}
                             (the fake IdP asks for an email; ada@acme.test is pre-filled)
  IdP-initiated (dashboard): ${urls.idp}/
  Bootstrap token:           ${token}
    curl -H "Authorization: Bearer ${token}" ${urls.worker}/api/orgs/${DEMO_ORG_ID}
  Stop with Ctrl-C.
────────────────────────────────────────────────────────────────────────────
`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
