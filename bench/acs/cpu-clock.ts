/**
 * CPU time of the local workerd runtime process, read from Linux /proc (per-thread schedstat, nanoseconds).
 *
 * Why from outside: local workerd rounds every in-request clock to 1 ms, and on a shared machine a wall clock
 * also counts the time other processes hold the CPU. The runtime only works while serving our requests, so the
 * growth of its CPU time across one request is that request's CPU cost, at nanosecond resolution.
 */
import { readdirSync, readFileSync } from "node:fs";

type ProcStat = { pid: number; name: string; ppid: number; startTicks: number };

function procStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return {
      pid,
      name: text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")),
      ppid: Number(fields[1]),
      startTicks: Number(fields[19]),
    };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** workerd processes started by this Node process (wrangler starts a proxy runtime and the user worker's runtime). */
export function childWorkerdPids(): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => procStat(Number(entry)))
    .filter((stat): stat is ProcStat => stat !== undefined && stat.ppid === process.pid && stat.name === "workerd")
    .sort((a, b) => a.startTicks - b.startTicks)
    .map((stat) => stat.pid);
}

/** Total CPU time (ns) of every thread of `pid`: the isolate thread plus V8's GC and compiler threads. */
export function processCpuNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // a thread that ended between the listing and the read
    }
  }
  return total;
}
