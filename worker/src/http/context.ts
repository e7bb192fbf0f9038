import type { Context } from "hono";
import type { Role } from "../../../shared/roles";
import type { AppEnv, Bindings } from "../env";
import type { GateCaller } from "../gate/caller";
import type { OrgServices } from "../org/org-services";
import type { OrgRecord } from "../storage/org-config";

/** Who is calling: the platform bootstrap credential, a signed-in user, or an org API key (automation). */
export type Principal =
  | { kind: "bootstrap" }
  | { kind: "session"; orgId: string; userId: string; email: string; role: Role; tokenHash: string }
  | { kind: "api_key"; orgId: string; keyId: string; name: string; role: Role };

export type HonoEnv = {
  Bindings: Bindings;
  Variables: {
    env: AppEnv;
    requestId: string;
    nowMs: number;
    principal: Principal | undefined;
    /** On Okta action routes (routes/gate-scope.ts): the organization and the caller as claimed, for its gate to verify. */
    gate: { orgId: string; caller: GateCaller; called?: boolean } | undefined;
    /** On organization routes (routes/org-scope.ts): the organization, and its services for this caller. */
    org: OrgRecord | undefined;
    services: OrgServices | undefined;
    /** Organization records read from KV during this request (authentication and the route share one read). */
    orgRecords: Map<string, Promise<OrgRecord | null>> | undefined;
  };
};

export type AppContext = Context<HonoEnv>;

/** The origin our own URLs are built from: PUBLIC_BASE_URL when set, else the URL the request arrived at. */
export function baseUrl(c: AppContext): string {
  return c.get("env").PUBLIC_BASE_URL ?? new URL(c.req.url).origin;
}
