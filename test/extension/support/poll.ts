/** Polls `read` until it satisfies `ok`; throws with the last value seen. For any driver, and outside Vitest (the demo). */
export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeout} ms`);
    await new Promise((done) => setTimeout(done, 200));
    last = await read();
  }
  return last;
}
