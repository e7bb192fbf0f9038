/**
 * `npm run bench`: runs every benchmark and merges its section into bench/results.json.
 * Wrangler is silenced before it is loaded: no metrics, error reports, update checks or `Request.cf` fetch.
 */
import { acsTable, runAcsBench } from "./acs/index";
import { stopAllBenchWorkers } from "./acs/workerd";
import { RESULTS_PATH, writeResultSection } from "./results-file";

const QUIET_ENV = {
  CI: "true",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
} as const;

async function main(): Promise<void> {
  Object.assign(process.env, QUIET_ENV);
  process.env.XDG_CONFIG_HOME ??= new URL("./.work/config", import.meta.url).pathname;
  const started = performance.now();
  const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);

  const acs = await runAcsBench(log);
  await writeResultSection("acs", acs);
  console.log(`\n${acsTable(acs)}\n\nwrote "acs" to ${RESULTS_PATH} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the bench worker`);
    void stopAllBenchWorkers().finally(() => process.exit(130));
  });
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(error);
    await stopAllBenchWorkers();
    process.exit(1);
  },
);
