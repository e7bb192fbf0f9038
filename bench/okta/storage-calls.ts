/**
 * Storage calls per proxied action, counted by the bench worker's entry (counting-entry.ts wraps the KV and Durable
 * Object bindings of the worker and of its Durable Object): warm actions one after another, then the counts over
 * the number of actions. A Durable Object call is one RPC method call (or `fetch`) on a stub; a KV call is one
 * method call (`get`, `put`, `list`, …) on the namespace.
 */
import { call } from "./http";

export const STORAGE_RUNS = 50;

type Counts = { kv: Record<string, number>; durableObject: Record<string, number> };

export type StorageCalls = {
  /** KV and Durable Object calls per action, all bindings together. */
  perAction: number;
  kvPerAction: Record<string, number>;
  durableObjectPerAction: Record<string, number>;
};

export type StorageCallsSection = { runs: number; read: StorageCalls; write: StorageCalls; userContext: StorageCalls };

const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
const per = (record: Record<string, number>, runs: number) =>
  Object.fromEntries(Object.entries(record).map(([name, value]) => [name, Math.round((value / runs) * 1000) / 1000]));

/** Lets work the worker left to `waitUntil` finish before the counts are read. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

async function measure(workerUrl: string, send: (i: number) => Promise<void>): Promise<StorageCalls> {
  const counter = `${workerUrl}/__bench/storage-calls`;
  // Warm (token cached, org known to the isolate); two calls, so that a suspend/unsuspend cycle ends where it began.
  await send(-2);
  await send(-1);
  await settle();
  await call<Counts>(counter, { method: "DELETE" });
  for (let i = 0; i < STORAGE_RUNS; i++) await send(i);
  await settle();
  const counts = await call<Counts>(counter);
  return {
    perAction: Math.round(((sum(counts.kv) + sum(counts.durableObject)) / STORAGE_RUNS) * 1000) / 1000,
    kvPerAction: per(counts.kv, STORAGE_RUNS),
    durableObjectPerAction: per(counts.durableObject, STORAGE_RUNS),
  };
}

export async function storageCallsPerAction(
  workerUrl: string,
  read: (i: number) => Promise<void>,
  write: (i: number) => Promise<void>,
  userContext: (i: number) => Promise<void>,
): Promise<StorageCallsSection> {
  return {
    runs: STORAGE_RUNS,
    read: await measure(workerUrl, read),
    write: await measure(workerUrl, write),
    userContext: await measure(workerUrl, userContext),
  };
}
