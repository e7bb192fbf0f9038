/** Summary statistics of per-run durations (milliseconds), rounded to 3 decimals for results.json. */
export type Summary = { medianMs: number; p95Ms: number; p99Ms: number; meanMs: number; minMs: number; maxMs: number };

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarize(durationsMs: readonly number[]): Summary {
  if (durationsMs.length === 0) throw new Error("no measurements");
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return {
    medianMs: round3(median),
    p95Ms: round3(percentile(sorted, 95)),
    p99Ms: round3(percentile(sorted, 99)),
    meanMs: round3(mean),
    minMs: round3(sorted[0]!),
    maxMs: round3(sorted[sorted.length - 1]!),
  };
}
