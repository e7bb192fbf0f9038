/**
 * The bench worker's entry: the real worker and its Durable Object, with the KV and Durable Object bindings wrapped
 * so that every storage call is counted (`GET /__bench/storage-calls` reads the counts, `DELETE` resets them).
 * real-worker.ts copies this file next to its snapshot of worker/src, rewriting the `../../` of its imports.
 * Reflect.apply, not `value.apply`: any property of an RPC stub, `apply` too, is itself a remote call.
 * The Durable Object runs in the same isolate as the worker in local workerd, so one set of counters sees both.
 */

import { OrgStore as RealOrgStore } from "../../worker/src/gate/org-gate";
import app from "../../worker/src/index";

type Counts = { kv: Record<string, number>; durableObject: Record<string, number> };
const counts: Counts = { kv: {}, durableObject: {} };
const bump = (into: Record<string, number>, name: string) => {
  into[name] = (into[name] ?? 0) + 1;
};

function countingKv(kv: KVNamespace): KVNamespace {
  return new Proxy(kv, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        bump(counts.kv, String(property));
        return Reflect.apply(value, target, args);
      };
    },
  });
}

function countingStub<T extends object>(stub: T): T {
  return new Proxy(stub, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function" || typeof property !== "string" || property === "then") return value;
      return (...args: unknown[]) => {
        bump(counts.durableObject, property);
        return Reflect.apply(value, target, args);
      };
    },
  });
}

function countingNamespace<T extends DurableObjectNamespace>(namespace: T): T {
  return new Proxy(namespace, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === "get") return (...args: Parameters<T["get"]>) => countingStub(Reflect.apply(value as (...a: unknown[]) => object, target, args));
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** One wrapped env per raw env object, so the worker's per-isolate env validation stays cached as in production. */
const wrapped = new WeakMap<object, Cloudflare.Env>();
function wrap(env: Cloudflare.Env): Cloudflare.Env {
  let out = wrapped.get(env);
  if (!out) {
    out = { ...env, CONFIG: countingKv(env.CONFIG), ORG_STORE: countingNamespace(env.ORG_STORE) };
    wrapped.set(env, out);
  }
  return out;
}

export class OrgStore extends RealOrgStore {
  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, { ...env, CONFIG: countingKv(env.CONFIG) });
  }
}

export default {
  fetch(request: Request, env: Cloudflare.Env, ctx: ExecutionContext) {
    if (new URL(request.url).pathname === "/__bench/storage-calls") {
      if (request.method === "DELETE") {
        counts.kv = {};
        counts.durableObject = {};
      }
      return Response.json(counts);
    }
    return app.fetch(request, wrap(env), ctx);
  },
};
