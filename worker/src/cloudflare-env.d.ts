import type { Bindings } from "./env";

// Types `env` from "cloudflare:test" and `cloudflare:workers` with the worker's own bindings.
declare global {
  namespace Cloudflare {
    interface Env extends Bindings {}
  }
}
