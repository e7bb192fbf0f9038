import type { AppEnv } from "../env";

/** The Durable Object of one organization (one instance per org ID, wherever in the world it is called from). */
export function orgStore(env: AppEnv, orgId: string) {
  return env.ORG_STORE.get(env.ORG_STORE.idFromName(orgId));
}

/** The organization's Durable Object, as its storage methods are called. */
export type OrgStoreStub = ReturnType<typeof orgStore>;
