/**
 * The real worker (worker/src/index.ts behind bench/okta/counting-entry.ts, with the project's wrangler.toml: KV, Durable Objects, migrations) in local
 * workerd through wrangler's DevEnv (what `wrangler dev` and `unstable_dev` run), 127.0.0.1 only, no inspector, no
 * dev registry, KV and Durable Object state in a fresh folder under bench/.work/okta/ (gitignored, removed on stop).
 *
 * - Snapshot: wrangler's dev bundler always watches the sources (esbuild watch mode, whatever `dev.watch` says), so
 *   an edit to worker/src during a run would reload the worker mid-measurement and reset open connections. The
 *   bench bundles a copy of worker/src and shared/ taken at start instead; packages still resolve from the repo's
 *   node_modules and JSX settings from its tsconfig.json (both found by walking up). A reload is still detected.
 * - Direct to the runtime: `wrangler dev` puts a proxy runtime in front of the worker's runtime (it buffers
 *   requests across reloads). That hop is local plumbing, not the worker, so the bench talks to the worker's
 *   runtime directly: its URL comes from the `reloadComplete` event wrangler sends to its proxy. `devProxyUrl` is
 *   the usual `wrangler dev` address.
 */
import { rmSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORK_DIR = fileURLToPath(new URL("../.work/okta/", import.meta.url)); // gitignored (bench/.work/)
const READY_TIMEOUT_MS = 60_000;

export type RealWorker = {
  /** The worker's own runtime, e.g. http://127.0.0.1:PORT (no dev proxy in between). */
  url: string;
  /** wrangler's dev proxy in front of it (the address `wrangler dev` prints). */
  devProxyUrl: string;
  /** How many times wrangler reloaded the worker after its start (0 unless the config changed meanwhile). */
  reloads(): number;
  stop(): Promise<void>;
};

/** Stop functions of the workers still running, for run.ts's SIGINT/SIGTERM and failure handlers. */
const running = new Set<() => Promise<void>>();

export async function stopAllRealWorkers(): Promise<void> {
  await Promise.allSettled([...running].map((stop) => stop()));
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took more than ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    }),
  ]);
}

/**
 * Starts the worker with these secrets and variables; they replace wrangler.toml's [vars], and the developer's
 * .dev.vars is not read (an empty env file is named instead).
 */
export async function startRealWorker(secrets: Record<string, string>, vars: Record<string, string>): Promise<RealWorker> {
  await mkdir(WORK_DIR, { recursive: true });
  const runDir = await mkdtemp(join(WORK_DIR, "run-"));
  // wrangler's own SIGINT/SIGTERM listener calls process.exit() at once, before an async stop can finish: the
  // runtimes go with it (miniflare's exit hook), and this removes the run folder on the way out.
  const removeRunDir = () => rmSync(runDir, { recursive: true, force: true });
  process.once("exit", removeRunDir);

  const { unstable_DevEnv } = await import("wrangler");
  const devEnv = new unstable_DevEnv();
  let loads = 0;
  let runtimeReady!: (url: string) => void;
  const runtimeUrl = new Promise<string>((resolve) => (runtimeReady = resolve));
  const forward = devEnv.proxy.onReloadComplete.bind(devEnv.proxy);
  devEnv.proxy.onReloadComplete = (event) => {
    loads++;
    const { protocol, hostname, port } = event.proxyData.userWorkerUrl;
    runtimeReady(`${protocol}//${hostname}:${port}`);
    forward(event);
  };

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      running.delete(stop);
      try {
        await devEnv.teardown();
      } finally {
        await rm(runDir, { recursive: true, force: true });
        process.off("exit", removeRunDir);
      }
    })());
  running.add(stop);

  try {
    await cp(join(REPO_ROOT, "worker/src"), join(runDir, "worker/src"), { recursive: true });
    await cp(join(REPO_ROOT, "shared"), join(runDir, "shared"), { recursive: true });
    // The entry counts every KV and Durable Object call (storage-calls.ts reads the counts); see counting-entry.ts.
    const countingEntry = await readFile(fileURLToPath(new URL("./counting-entry.ts", import.meta.url)), "utf8");
    const entrypoint = join(runDir, "bench-entry.ts");
    await writeFile(entrypoint, countingEntry.replaceAll('from "../../', 'from "./'));
    const envFile = join(runDir, "empty.env");
    await writeFile(envFile, "");
    const binding =
      (type: "secret_text" | "plain_text") =>
      ([name, value]: [string, string]) =>
        [name, { type, value }] as const;
    const worker = await devEnv.startWorker({
      config: join(REPO_ROOT, "wrangler.toml"),
      entrypoint,
      envFiles: [envFile],
      sendMetrics: false,
      bindings: Object.fromEntries([...Object.entries(secrets).map(binding("secret_text")), ...Object.entries(vars).map(binding("plain_text"))]),
      // `wrangler dev` derives this from the config's flags (it is not derived when DevEnv is driven directly):
      // nodejs_compat with a compatibility date after 2024-09-23 is the v2 mode (xml-crypto needs node:crypto).
      build: { nodejsCompatMode: (config) => (config.compatibility_flags.some((flag: string) => flag.startsWith("nodejs_compat")) ? "v2" : null) },
      dev: {
        remote: false,
        server: { hostname: "127.0.0.1", port: 0 },
        inspector: false,
        persist: join(runDir, "state"),
        logLevel: "error",
        watch: false,
        liveReload: false,
        registry: undefined,
      },
    });
    const devProxyUrl = (await withTimeout(worker.url, "starting wrangler's dev proxy")).origin;
    const url = await withTimeout(runtimeUrl, "starting the worker's runtime");
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`the worker's runtime listens on ${url}, not on 127.0.0.1`);
    const health = await fetch(`${url}/health`);
    const body = await health.text();
    if (health.status !== 200) throw new Error(`${url}/health answered ${health.status}: ${body}`);
    return { url, devProxyUrl, reloads: () => loads - 1, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
