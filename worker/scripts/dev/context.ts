/** What every part of `npm run dev` needs: the ports and URLs of the local stack and the bootstrap token. */
import { devPorts, devUrls, readDevVars } from "../setup";

export interface DevContext {
  ports: ReturnType<typeof devPorts>;
  urls: ReturnType<typeof devUrls>;
  /** ADMIN_BOOTSTRAP_TOKEN of `.dev.vars`: the worker's API is called with it. */
  token: string;
}

/** Reads the ports (env overrides) and `.dev.vars`; exits with a message when either is unusable. */
export function loadDevContext(): DevContext {
  try {
    const ports = devPorts();
    const token = readDevVars().get("ADMIN_BOOTSTRAP_TOKEN");
    if (!token) throw new Error("ADMIN_BOOTSTRAP_TOKEN is missing from .dev.vars: run `npm run setup` (or `npm run dev`, which runs it).");
    return { ports, urls: devUrls(ports), token };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

export function fail(message: string): never {
  console.error(`[dev] ${message}`);
  process.exit(1);
}
