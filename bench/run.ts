/**
 * `npm run bench [-- acs|okta|context|extension …]`: runs every benchmark (or the named ones) and merges each one's section into
 * bench/results.json. Wrangler is silenced before it is loaded: no metrics, error reports, update checks, banner or
 * `Request.cf` fetch.
 */
import { acsTable, runAcsBench } from "./acs/index";
import { stopAllBenchWorkers } from "./acs/workerd";
import { contextTable, runContextBench } from "./context/index";
import { extensionTable, runExtensionBench } from "./extension/index";
import { oktaTable, runOktaProxyBench } from "./okta/index";
import { stopAllRealWorkers } from "./okta/real-worker";
import { RESULTS_PATH, writeResultSection } from "./results-file";

const QUIET_ENV = {
  CI: "true",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
} as const;

type Log = (line: string) => void;

/** Each part: its results.json key, how to run it and how to print it. */
const PARTS = {
  acs: async (log: Log) => {
    const acs = await runAcsBench(log);
    await writeResultSection("acs", acs);
    return { key: "acs", table: acsTable(acs) };
  },
  okta: async (log: Log) => {
    const okta = await runOktaProxyBench(log);
    await writeResultSection("oktaProxy", okta);
    return { key: "oktaProxy", table: oktaTable(okta) };
  },
  context: async (log: Log) => {
    const context = await runContextBench(log);
    await writeResultSection("context", context);
    return { key: "context", table: contextTable(context) };
  },
  extension: async (log: Log) => {
    const extension = await runExtensionBench(log);
    await writeResultSection("extension", extension);
    return { key: "extension", table: extensionTable(extension) };
  },
} as const;
type Part = keyof typeof PARTS;

function selectedParts(args: readonly string[]): Part[] {
  if (args.length === 0) return Object.keys(PARTS) as Part[];
  const unknown = args.filter((arg) => !(arg in PARTS));
  if (unknown.length > 0) throw new Error(`unknown bench part(s): ${unknown.join(", ")}; choose from ${Object.keys(PARTS).join(", ")}`);
  return [...new Set(args as Part[])];
}

async function stopEverything(): Promise<void> {
  await Promise.allSettled([stopAllBenchWorkers(), stopAllRealWorkers()]);
}

async function main(): Promise<void> {
  const parts = selectedParts(process.argv.slice(2));
  Object.assign(process.env, QUIET_ENV);
  process.env.XDG_CONFIG_HOME ??= new URL("./.work/config", import.meta.url).pathname;
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const log = (line: string) => console.log(`[${seconds().padStart(5)} s] ${line}`);

  for (const part of parts) {
    log(`── ${part} ──`);
    const { key, table } = await PARTS[part](log);
    console.log(`\n${table}\n\nwrote "${key}" to ${RESULTS_PATH} (${seconds()} s)\n`);
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the bench workers`);
    // wrangler's own listener may call process.exit() before the stop below ends: keep the exit code an interruption's.
    process.exitCode = 130;
    void stopEverything().finally(() => process.exit(130));
  });
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(error);
    await stopEverything();
    process.exit(1);
  },
);
