/**
 * The whole local stack of `npm run dev` (the worker under `wrangler dev`, the fake IdP, fake Okta and fake Persona,
 * the seeded `acme` organization) started for one browser test run: the same script a developer runs
 * (worker/scripts/dev.ts), so the tests exercise the documented setup rather than a copy of it. It runs on free
 * ports picked at start (never 8787-8791, so a developer's `npm run dev` keeps running) with the worker's KV and
 * Durable Objects in a fresh temp folder (DEV_PERSIST_TO), so every run starts from an empty worker.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DEMO_ORG_ID, devUrls, ensureDevVars, jsonCall, REPO_ROOT, readDevVars } from "../../../worker/scripts/setup";

const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 15_000;
/** What dev.ts prints once everything is seeded. */
const READY_BANNER = /^\s*Ready\.\s*$/m;

export interface Stack {
  ports: { worker: number; idp: number; okta: number; oktaOrg: number; persona: number };
  urls: ReturnType<typeof devUrls>;
  orgId: string;
  /** ADMIN_BOOTSTRAP_TOKEN of .dev.vars: the platform credential for API calls made by the test itself. */
  bootstrapToken: string;
  /** Everything the stack printed so far (for failure messages). */
  output(): string;
  /** A JSON call to the worker with the bootstrap token. */
  api(method: string, path: string, json?: unknown): Promise<{ status: number; body: unknown }>;
  /** A JSON call to the fake Okta's control API (`/__fake/...`). */
  oktaControl(method: string, path: string, json?: unknown): Promise<{ status: number; body: unknown }>;
  /** A JSON call to the fake Persona's control API (`/__fake/...`), standing in for the person and Persona's decisioning. */
  personaControl(method: string, path: string, json?: unknown): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/** A port the OS says is free now (bound on loopback then released). */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
      .once("error", reject)
      .listen(0, "127.0.0.1", () => {
        const address = server.address();
        const port = typeof address === "object" && address !== null ? address.port : 0;
        server.close(() => resolvePort(port));
      });
  });
}

/** Five distinct free ports, none of the defaults of `npm run dev`. */
async function pickPorts(): Promise<Stack["ports"]> {
  const picked = new Set<number>();
  while (picked.size < 5) {
    const port = await freePort();
    if (port < 8787 || port > 8791) picked.add(port);
  }
  const [worker, idp, okta, oktaOrg, persona] = [...picked] as [number, number, number, number, number];
  return { worker, idp, okta, oktaOrg, persona };
}

export async function startStack(): Promise<Stack> {
  // `npm run setup` semantics: .dev.vars exists with every key (kept when present), then its token is read.
  ensureDevVars();
  const bootstrapToken = readDevVars().get("ADMIN_BOOTSTRAP_TOKEN");
  if (!bootstrapToken) throw new Error("ADMIN_BOOTSTRAP_TOKEN is missing from .dev.vars");

  const ports = await pickPorts();
  const urls = devUrls(ports);
  const persistDir = mkdtempSync(join(tmpdir(), "poc-e2e-state-"));
  let output = "";

  // `node --import tsx` rather than the tsx CLI: one process, so SIGTERM reaches dev.ts itself, which stops
  // wrangler (and workerd) and the fakes before exiting. Its own process group lets a stuck run be killed whole.
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", resolve(REPO_ROOT, "worker/scripts/dev.ts")], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DEV_PORT: String(ports.worker),
      DEV_IDP_PORT: String(ports.idp),
      DEV_OKTA_PORT: String(ports.okta),
      DEV_OKTA_ORG_PORT: String(ports.oktaOrg),
      DEV_PERSONA_PORT: String(ports.persona),
      DEV_PERSIST_TO: persistDir,
      CI: "true",
      WRANGLER_SEND_METRICS: "false",
      WRANGLER_SEND_ERROR_REPORTS: "false",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      WRANGLER_HIDE_BANNER: "true",
      NO_COLOR: "1",
    },
  });
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((done) =>
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      done();
    }),
  );
  const ready = new Promise<void>((done, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (READY_BANNER.test(output)) done();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(() => reject(new Error(`the local stack exited (${exit?.code ?? exit?.signal}) before it was ready`)));
  });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (!exit) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        // dev.ts did not finish in time: kill its whole group (wrangler and workerd included).
        if (child.pid !== undefined) {
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
      }, STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    rmSync(persistDir, { recursive: true, force: true });
  };

  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`the local stack was not ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS).unref(),
  );
  try {
    await Promise.race([ready, timeout]);
  } catch (error) {
    await stop();
    const tail = output.split("\n").slice(-40).join("\n");
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- stack output (last lines) ---\n${tail}`);
  }

  return {
    ports,
    urls,
    orgId: DEMO_ORG_ID,
    bootstrapToken,
    output: () => output,
    api: (method, path, json) => jsonCall(`${urls.worker}${path}`, method, json, { authorization: `Bearer ${bootstrapToken}` }),
    oktaControl: (method, path, json) => jsonCall(`${urls.oktaControl}${path}`, method, json, {}),
    personaControl: (method, path, json) => jsonCall(`${urls.personaControl}${path}`, method, json, {}),
    stop,
  };
}
