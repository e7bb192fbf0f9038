/**
 * The workerd side: starts bench-worker.ts with wrangler's `unstable_dev` (local mode, 127.0.0.1 only, no
 * bindings, no dev registry) and measures the CPU time of its requests on the runtime process (cpu-clock.ts).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { SamlExpectations } from "../../worker/src/saml/index";
import type { AcsAnswer, BenchRequest } from "./bench-worker";
import { childWorkerdPids, processCpuNs } from "./cpu-clock";

const WORK_DIR = fileURLToPath(new URL("../.work/acs/", import.meta.url)); // gitignored (bench/.work/)
const ENTRY = fileURLToPath(new URL("./bench-worker.ts", import.meta.url));

/** Same runtime settings as the real worker (wrangler.toml). */
export const COMPATIBILITY_DATE = "2026-04-20";
export const COMPATIBILITY_FLAGS = ["nodejs_compat"];

type ErrorBody = { error: { code: string; message: string } };

/** Stop functions of the workers still running, for run.ts's SIGINT/SIGTERM handler. */
const running = new Set<() => Promise<void>>();

export async function stopAllBenchWorkers(): Promise<void> {
  await Promise.allSettled([...running].map((stop) => stop()));
}

export type Measured<T> = { answer: T; cpuMs: number };

export type BenchWorker = {
  /** POST to the bench worker, with the CPU time the runtime spent on the request. */
  post<T>(path: string, body: BenchRequest): Promise<Measured<T>>;
  clockStepMs(): Promise<number>;
  /** Pid of the runtime that executes the worker (not wrangler's proxy runtime). */
  runtimePid: number;
  stop(): Promise<void>;
};

/**
 * An explicit config in a scratch folder, so wrangler neither picks up the project's wrangler.toml (its Durable
 * Object and KV bindings are not part of this bench) nor writes its `.wrangler/tmp` bundle anywhere but there.
 */
async function writeBenchConfig(): Promise<string> {
  await mkdir(WORK_DIR, { recursive: true });
  const path = `${WORK_DIR}wrangler.json`;
  const config = { name: "acs-bench", main: ENTRY, compatibility_date: COMPATIBILITY_DATE, compatibility_flags: COMPATIBILITY_FLAGS };
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`);
  return path;
}

export function benchRequest(samlResponse: string, expectations: SamlExpectations, runs: number, stage?: number): BenchRequest {
  return { samlResponse, expectations, runs, ...(stage === undefined ? {} : { stage }) };
}

/**
 * Starts the worker and sends it one empty request (wrangler starts the user runtime lazily), so that the
 * runtime exists and can be found, without running any validation yet: the first one stays a cold call.
 */
export async function startBenchWorker(empty: BenchRequest): Promise<BenchWorker> {
  const { unstable_dev } = await import("wrangler");
  const worker = await unstable_dev(ENTRY, {
    config: await writeBenchConfig(),
    local: true,
    ip: "127.0.0.1",
    persist: false,
    logLevel: "error",
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: COMPATIBILITY_FLAGS,
    experimental: { disableExperimentalWarning: true, disableDevRegistry: true, watch: false, liveReload: false },
  });
  const stop = async () => {
    if (running.delete(stop)) await worker.stop();
  };
  running.add(stop);
  try {
    const send = async <T>(path: string, body: BenchRequest): Promise<T> => {
      const response = await worker.fetch(`http://127.0.0.1${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as T | ErrorBody;
      if (!response.ok) {
        const { code, message } = (json as ErrorBody).error;
        throw new Error(`bench worker ${path} answered ${response.status}: ${code}: ${message}`);
      }
      return json as T;
    };
    if ((await send<AcsAnswer>("/acs", empty)).email !== "") throw new Error("the empty request validated something");
    const pids = childWorkerdPids();
    // The proxy runtime starts with unstable_dev, the worker's runtime on the first request: take the newest.
    const runtimePid = pids[pids.length - 1];
    if (runtimePid === undefined) throw new Error("no workerd runtime found among this process's children");
    const post = async <T>(path: string, body: BenchRequest): Promise<Measured<T>> => {
      const before = processCpuNs(runtimePid);
      const answer = await send<T>(path, body);
      return { answer, cpuMs: (processCpuNs(runtimePid) - before) / 1e6 };
    };
    const clockStepMs = async () => ((await (await worker.fetch("http://127.0.0.1/clock")).json()) as { stepMs: number }).stepMs;
    return { post, clockStepMs, runtimePid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** CPU time of every workerd child during `work`: proves the runtime we measure is the one doing the work. */
export async function cpuShareOf(pid: number, work: () => Promise<unknown>): Promise<number> {
  const pids = childWorkerdPids();
  const before = new Map(pids.map((p) => [p, processCpuNs(p)]));
  await work();
  let ours = 0;
  let all = 0;
  for (const p of pids) {
    const delta = processCpuNs(p) - before.get(p)!;
    all += delta;
    if (p === pid) ours = delta;
  }
  return all === 0 ? 0 : ours / all;
}
