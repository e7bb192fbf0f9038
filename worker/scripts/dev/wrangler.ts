/**
 * The worker under `wrangler dev` on loopback: started directly from wrangler's bin (so signals reach it without npm
 * in between), with local KV and Durable Objects under `.wrangler/state` or in the folder env DEV_PERSIST_TO names.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { REPO_ROOT } from "../setup";

const HEALTH_TIMEOUT_MS = 60_000;
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Keeps wrangler from phoning home and from writing into the home folder (see docs/toolchain.md). The banner is hidden
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

export interface WranglerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningWrangler {
  /** Settles when wrangler has exited. */
  exited: Promise<void>;
  /** How wrangler exited; undefined while it runs. */
  exit(): WranglerExit | undefined;
  /** Sends `signal` (SIGKILL after SHUTDOWN_GRACE_MS) and waits for wrangler, and through it workerd, to exit. */
  stop(signal: "SIGINT" | "SIGTERM"): Promise<void>;
}

export function startWrangler(port: number): RunningWrangler {
  // DEV_PERSIST_TO (the browser tests set it to a fresh temp folder): the worker's KV and Durable Objects live
  // there instead of `.wrangler/state`, so a test run neither sees nor changes the developer's local state.
  const persistTo = process.env.DEV_PERSIST_TO;
  const persistArgs = persistTo === undefined || persistTo === "" ? [] : ["--persist-to", resolve(persistTo)];
  // The wrangler bin that `npx wrangler` would run, started directly so signals reach it without npm in between.
  const wrangler = spawn(
    process.execPath,
    [resolve(REPO_ROOT, "node_modules/wrangler/bin/wrangler.js"), "dev", "--ip", "127.0.0.1", "--port", String(port), ...persistArgs],
    { cwd: REPO_ROOT, stdio: "inherit", env: { ...process.env, ...QUIET_ENV } },
  );
  let exit: WranglerExit | undefined;
  const exited = new Promise<void>((done) =>
    wrangler.once("exit", (code, signal) => {
      exit = { code, signal };
      done();
    }),
  );
  return {
    exited,
    exit: () => exit,
    stop: async (signal) => {
      wrangler.kill(signal);
      const timer = setTimeout(() => wrangler.kill("SIGKILL"), SHUTDOWN_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `${workerUrl}/health` until it answers 200; gives up when wrangler exits or after HEALTH_TIMEOUT_MS. */
export async function waitForHealth(workerUrl: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited()) throw new Error("wrangler exited before the worker became ready");
    try {
      const response = await fetch(`${workerUrl}/health`, { signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`${workerUrl}/health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s`);
}
